# Sourced by the bench/generate scripts. Every swift build (and swiftc) goes through /tmp/swift-build.lock: the
# machine is shared with other builds. A caller that already holds the lock for the whole run sets
# BUILD_LOCK_HELD=1 (flock would otherwise wait for itself).
locked() {
    if [ -n "${BUILD_LOCK_HELD:-}" ] || [ ! -e /tmp/swift-build.lock ]; then
        "$@"
    else
        flock /tmp/swift-build.lock "$@"
    fi
}
