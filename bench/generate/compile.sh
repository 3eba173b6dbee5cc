#!/usr/bin/env bash
# Compile-time benchmark (issue 7): a debug build of the generated GitHub client, ours against
# swift-openapi-generator 1.14.3's types + client (its runtime dependency built first), with the time and peak memory
# from /usr/bin/time -v, for a clean build of the target and a rebuild after touching one generated file.
# Run bench/generate/run.sh first (it generates both outputs). Builds take the shared build lock when it exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/generate
work=bench/out/compile
# BUILD_LOCK_HELD=1: the caller already holds the lock (flock would wait for itself).
lock() { if [ -e /tmp/swift-build.lock ] && [ -z "${BUILD_LOCK_HELD:-}" ]; then flock /tmp/swift-build.lock "$@"; else "$@"; fi; }
measure() { # label, command…: prints "label: seconds s, peak MB"
    local label=$1
    shift
    lock /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
    local seconds memory
    seconds=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    memory=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print int($NF / 1024)}')
    echo "$label: $seconds wall, peak $memory MB"
}
rm -rf "$work" && mkdir -p "$work/peer/Sources/GitHubPeer"

# Ours: the generated package as a user builds it (Foundation only).
ours="$out/github-gatehouse/Client"
measure "gatehouse client, clean debug build" swift build --package-path "$ours" --scratch-path "$work/ours-build"
touch "$ours"/Sources/*/Operations/ReposGet.swift
measure "gatehouse client, rebuild after a touch" swift build --package-path "$ours" --scratch-path "$work/ours-build"

# The peer: its generated files in a package with its runtime, which is built first.
cp "$out"/github-peer/*.swift "$work/peer/Sources/GitHubPeer/"
cat >"$work/peer/Package.swift" <<'MANIFEST'
// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "GitHubPeer",
    platforms: [.macOS(.v13)],
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4")],
    targets: [
        .target(name: "GitHubPeer", dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")])
    ]
)
MANIFEST
lock swift build --package-path "$work/peer" --scratch-path "$work/peer-build" --target OpenAPIRuntime >/dev/null
measure "swift-openapi-generator client, clean debug build" \
    swift build --package-path "$work/peer" --scratch-path "$work/peer-build"
touch "$work"/peer/Sources/GitHubPeer/Client.swift
measure "swift-openapi-generator client, rebuild after touching Client.swift" \
    swift build --package-path "$work/peer" --scratch-path "$work/peer-build"
touch "$work"/peer/Sources/GitHubPeer/Types.swift
measure "swift-openapi-generator client, rebuild after touching Types.swift" \
    swift build --package-path "$work/peer" --scratch-path "$work/peer-build"
