#!/usr/bin/env bash
# Docs generation time of two `gatehouse` binaries (a baseline and a change) on the same specs, in the same run,
# runs interleaved so that load from elsewhere hits both alike. Prints a Markdown table for bench/README.md.
#
#   bench/docs/compare.sh BASELINE_BINARY CHANGED_BINARY            # github and stripe, 7 runs each (median)
#   RUNS=11 SPECS="stripe" bench/docs/compare.sh /tmp/gatehouse-main .build-release/release/gatehouse
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: $0 BASELINE_BINARY CHANGED_BINARY" >&2
    exit 2
fi
baseline=$(realpath "$1")
changed=$(realpath "$2")
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-7}
SPECS=${SPECS:-github stripe}
OUT=bench/out/docs-compare
mkdir -p "$OUT"
testdata=../shared/testdata/real-world

# Wall-clock seconds of a command, to the millisecond.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| spec | baseline (median of %s) | change (median of %s) | change / baseline | baseline page | change page |\n' \
    "$RUNS" "$RUNS"
printf '|---|---|---|---|---|---|\n'
for spec in $SPECS; do
    input="$testdata/$spec.json"
    : >"$OUT/$spec-baseline.times"
    : >"$OUT/$spec-change.times"
    for _ in $(seq "$RUNS"); do
        seconds "$baseline" generate "$input" --docs --out "$OUT/$spec-baseline" >>"$OUT/$spec-baseline.times"
        seconds "$changed" generate "$input" --docs --out "$OUT/$spec-change" >>"$OUT/$spec-change.times"
    done
    before=$(median <"$OUT/$spec-baseline.times")
    after=$(median <"$OUT/$spec-change.times")
    printf '| %s | %.3f s | %.3f s | %.2f | %.2f MB | %.2f MB |\n' "$spec" "$before" "$after" \
        "$(echo "$after / $before" | bc -l)" \
        "$(echo "$(stat -c %s "$OUT/$spec-baseline/docs/index.html") / 1000000" | bc -l)" \
        "$(echo "$(stat -c %s "$OUT/$spec-change/docs/index.html") / 1000000" | bc -l)"
done
