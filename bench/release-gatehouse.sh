# Sourced by the bench scripts, from the repository root: sets `gatehouse` to $GATEHOUSE when given, else builds the
# release binary in $SCRATCH_PATH (default .build-release, so benches share one release build) and points at it.
if [ -z "${GATEHOUSE:-}" ]; then
    scratch=${SCRATCH_PATH:-.build-release}
    swift build -c release --product gatehouse --scratch-path "$scratch" >&2
    gatehouse="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/gatehouse"
else
    gatehouse=$GATEHOUSE
fi
