#!/usr/bin/env bash
# Generation time of `gatehouse generate --client --server` (release) against swift-openapi-generator 1.14.3
# (types + client) and openapi-generator-cli 7.26.0 (-g swift6), on the GitHub and Stripe JSON specs, in one run.
# Sets up the peers itself (bench/generate/peers.sh). Prints a Markdown table for bench/README.md; raw hyperfine
# JSON goes to bench/out/generate/.
#
#   bench/generate/run.sh                       # 10 runs of gatehouse, 3 of each peer
#   RUNS=20 PEER_RUNS=5 bench/generate/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
testdata=../shared/testdata/real-world
out=bench/out/generate
mkdir -p "$out"
runs=${RUNS:-10}
peer_runs=${PEER_RUNS:-3}
work=$(mktemp -d /tmp/gatehouse-genbench.XXXXXX)
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
source bench/generate/peers.sh

locked swift build -c release --product gatehouse --scratch-path .build-release >&2
gatehouse=$PWD/.build-release/release/gatehouse

# The timed part holds the build lock too, so that no build of the other helpers' runs beside it (other
# processes still may: see the load average printed at the end).
time_all() {
for spec in github stripe; do
    file=$testdata/$spec.json
    # Each run starts from an empty output folder (--prepare), so every tool writes all of its files.
    # gatehouse exits 0 with fallback warnings; -i keeps hyperfine going if that ever becomes 1.
    hyperfine -N -i --warmup 1 --runs "$runs" --prepare "rm -rf $work/gatehouse-$spec" \
        --export-json "$out/gatehouse-$spec.json" \
        "$gatehouse generate $file --out $work/gatehouse-$spec --client --server" >&2
    hyperfine -N -i --warmup 0 --runs "$peer_runs" --prepare "rm -rf $work/sog-$spec" \
        --export-json "$out/sog-$spec.json" \
        "$SOG_BIN generate --config $SOG_CONFIG --output-directory $work/sog-$spec $file" >&2
    # --skip-validate-spec: without it openapi-generator refuses github.json (arrays without `items`).
    hyperfine -N -i --warmup 0 --runs "$peer_runs" --prepare "rm -rf $work/oag-$spec" \
        --export-json "$out/oag-$spec.json" \
        "$OAG_BIN generate -g swift6 --skip-validate-spec -i $file -o $work/oag-$spec" >&2
    # What each wrote (the last run's output), so the table says how much code each produced.
    for tool in gatehouse sog oag; do
        find "$work/$tool-$spec" -name '*.swift' -print0 | xargs -0 cat | wc -l >"$out/$tool-$spec.lines"
        find "$work/$tool-$spec" -name '*.swift' | wc -l >"$out/$tool-$spec.files"
    done
done
}
if [ -n "${BUILD_LOCK_HELD:-}" ]; then
    time_all
else
    exec 9>/tmp/swift-build.lock
    flock 9
    time_all
    flock -u 9
fi
uptime >&2

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def load(tool, spec):
    r = json.load(open(f"{out}/{tool}-{spec}.json"))["results"][0]
    files = open(f"{out}/{tool}-{spec}.files").read().strip()
    lines = int(open(f"{out}/{tool}-{spec}.lines").read().strip())
    return r, files, lines
def cpu(r):
    return r["user"] + r["system"]
print("| spec | gatehouse generate --client --server | swift-openapi-generator 1.14.3 types+client | ratio | openapi-generator 7.26.0 swift6 | ratio |")
print("|---|---|---|---|---|---|")
for spec in ["github", "stripe"]:
    (g, gf, gl), (s, sf, sl), (o, of, ol) = load("gatehouse", spec), load("sog", spec), load("oag", spec)
    print(f"| {spec}.json wall, median | {g['median']*1000:.0f} ms (min {g['min']*1000:.0f}, max {g['max']*1000:.0f}) "
          f"| {s['median']:.2f} s | {s['median']/g['median']:.1f}x "
          f"| {o['median']:.2f} s | {o['median']/g['median']:.1f}x |")
    print(f"| {spec}.json CPU (user+sys), mean | {cpu(g)*1000:.0f} ms "
          f"| {cpu(s):.2f} s | {cpu(s)/cpu(g):.1f}x | {cpu(o):.2f} s | {cpu(o)/cpu(g):.1f}x |")
    print(f"| {spec}.json output | {gf} files, {gl/1000:.0f}k lines | {sf} files, {sl/1000:.0f}k lines | "
          f"| {of} files, {ol/1000:.0f}k lines | |")
PY
