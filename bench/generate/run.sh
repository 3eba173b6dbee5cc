#!/usr/bin/env bash
# Code generation benchmark (issue 7): `gatehouse generate --client --server` against swift-openapi-generator 1.14.3
# (types + client) and openapi-generator-cli 7.26 (swift6) on the GitHub and Stripe specs, in one run, with
# hyperfine. Builds take the shared build lock when it exists. Usage: bench/generate/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
specs=../shared/testdata/real-world
out=bench/out/generate
runs=${1:-5}
# BUILD_LOCK_HELD=1: the caller already holds the lock (flock would wait for itself).
lock() { if [ -e /tmp/swift-build.lock ] && [ -z "${BUILD_LOCK_HELD:-}" ]; then flock /tmp/swift-build.lock "$@"; else "$@"; fi; }

lock swift build -c release --product gatehouse --scratch-path .build-release
gatehouse="$root/.build-release/release/gatehouse"
lock swift build -c release --product swift-openapi-generator --package-path bench/generate/peer \
    --scratch-path "$root/.build-peer"
peer="$root/.build-peer/release/swift-openapi-generator"
if [ ! -x bench/out/venv/bin/openapi-generator-cli ]; then
    python3 -m venv bench/out/venv
    bench/out/venv/bin/pip install -q openapi-generator-cli==7.26.0
fi
openapi_generator="$root/bench/out/venv/bin/openapi-generator-cli"

mkdir -p "$out"
for spec in github stripe; do
    hyperfine --runs "$runs" --warmup 1 --export-markdown "$out/$spec.md" \
        -n "gatehouse generate" \
        "rm -rf $out/$spec-gatehouse && $gatehouse generate $specs/$spec.json --out $out/$spec-gatehouse --name Bench 2>/dev/null" \
        -n "swift-openapi-generator 1.14.3" \
        "rm -rf $out/$spec-peer && mkdir -p $out/$spec-peer && $peer generate $specs/$spec.json --config bench/generate/peer/openapi-generator-config.yaml --output-directory $out/$spec-peer >/dev/null 2>&1" \
        -n "openapi-generator 7.26 swift6" \
        "rm -rf $out/$spec-oag && $openapi_generator generate -g swift6 -i $specs/$spec.json -o $out/$spec-oag --skip-validate-spec >/dev/null 2>&1"
done
cat "$out"/github.md "$out"/stripe.md
