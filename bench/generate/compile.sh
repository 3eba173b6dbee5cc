#!/usr/bin/env bash
# Compile time and peak memory (debug) of the generated GitHub client: ours (`gatehouse generate --client`, a
# package with no dependencies) against swift-openapi-generator 1.14.3's types + client, in a package that depends
# on swift-openapi-runtime 1.13.4 and swift-openapi-urlsession 1.4.0 (built beforehand, not measured).
# For each: the first build of the generated module, then a rebuild after touching the source file that declares
# the `repository` schema (ours: the Models+R*.swift file holding it; the peer: Types+Components+Schemas.swift) (three times
# for ours, PEER_REBUILDS times, default 1, for the peer: each takes minutes). TOUCH_ALL=1 also rebuilds ours
# after touching every file. Wall time and "Maximum resident set size" from /usr/bin/time -v (the largest single process of
# the build, i.e. the biggest swift-frontend); each measured build holds /tmp/swift-build.lock, so no other
# build of this machine runs in it (other processes may). Prints a Markdown table; logs go to bench/out/compile/.
#
#   bench/generate/compile.sh            # SPEC=../shared/testdata/real-world/github.json
set -euo pipefail
cd "$(dirname "$0")/../.."
spec=${SPEC:-../shared/testdata/real-world/github.json}
out=bench/out/compile
mkdir -p "$out"
peer_rebuilds=${PEER_REBUILDS:-1}
work=${COMPILE_DIR:-/tmp/gatehouse-compile-bench}
rm -rf "$work/ours" "$work/peer" && mkdir -p "$work"

source bench/generate/peers.sh
locked swift build -c release --product gatehouse --scratch-path .build-release >&2
gatehouse=.build-release/release/gatehouse

# measure LABEL DIR: one debug `swift build` of the package in DIR, under the lock, timed.
measure() {
    local label=$1 dir=$2
    echo "== $label" >&2
    (cd "$dir" && locked /usr/bin/time -v swift build) >"$out/$label.log" 2>&1 ||
        { tail -30 "$out/$label.log" >&2; echo "build failed: $label (see $out/$label.log)" >&2; exit 1; }
    local wall rss
    wall=$(grep "Elapsed (wall clock)" "$out/$label.log" | awk '{print $NF}')
    rss=$(grep "Maximum resident set size" "$out/$label.log" | awk '{print $NF}')
    echo "$label $wall $rss" | tee -a "$out/results.txt" >&2
}
: >"$out/results.txt"

# --- ours -------------------------------------------------------------------------------------------------------
"$gatehouse" generate "$spec" --out "$work/ours" --client --name GitHub >"$out/ours-generate.log" 2>&1
ours=$work/ours/Client
echo "ours: $(find "$ours/Sources" -name '*.swift' | wc -l) files, $(find "$ours/Sources" -name '*.swift' -print0 | xargs -0 cat | wc -l) lines" >&2
measure ours-first "$ours"
# The rebuild touches the file that declares the `repository` schema, on both sides.
touched=$(grep -l 'struct Repository:' "$ours"/Sources/*/Models/*.swift | head -1)
for i in 1 2 3; do
    touch "$touched"
    measure "ours-rebuild-$i" "$ours"
done
if [ "${TOUCH_ALL:-0}" = 1 ]; then
    find "$ours/Sources" -name '*.swift' -exec touch {} +
    measure ours-rebuild-all "$ours"
fi

# --- swift-openapi-generator ------------------------------------------------------------------------------------
peer=$work/peer
mkdir -p "$peer/Sources/GitHubPeerClient"
cat >"$peer/Package.swift" <<'SWIFT'
// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "GitHubPeerClient",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", exact: "1.4.0"),
    ],
    targets: [
        .target(
            name: "GitHubPeerClient",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ]
        )
    ]
)
SWIFT
# Dependencies first, not measured: a stub that imports them.
printf 'import OpenAPIRuntime\nimport OpenAPIURLSession\n' >"$peer/Sources/GitHubPeerClient/Stub.swift"
(cd "$peer" && locked swift build) >"$out/peer-dependencies.log" 2>&1
rm "$peer/Sources/GitHubPeerClient/Stub.swift"
"$SOG_BIN" generate --config "$SOG_CONFIG" --output-directory "$peer/Sources/GitHubPeerClient" "$spec" \
    >"$out/peer-generate.log" 2>&1
echo "peer: $(cat "$peer"/Sources/GitHubPeerClient/*.swift | wc -l) lines" >&2
measure peer-first "$peer"
for i in $(seq 1 "$peer_rebuilds"); do
    touch "$peer/Sources/GitHubPeerClient/Types+Components+Schemas.swift"
    measure "peer-rebuild-$i" "$peer"
done

python3 - "$out/results.txt" <<'PY'
import sys
rows = {}
for line in open(sys.argv[1]):
    label, wall, rss = line.split()
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rows[label] = (seconds, int(rss) / 1024 / 1024)
def fmt(labels):
    got = [rows[l] for l in labels if l in rows]
    if not got: return "-", "-", None
    t = sorted(s for s, _ in got); m = max(g for _, g in got)
    text = f"{t[len(t)//2]:.1f} s" + (f" (min {t[0]:.1f}, max {t[-1]:.1f}, {len(t)} runs)" if len(t) > 1 else "")
    return text, f"{m:.2f} GiB", (t[len(t)//2], m)
print("| build (debug) | ours: time | ours: peak RSS | swift-openapi-generator: time | peak RSS | time ratio | memory ratio |")
print("|---|---|---|---|---|---|---|")
for name, o, p in [("first build of the generated module", ["ours-first"], ["peer-first"]),
                   ("rebuild after touching the file of `repository`", [f"ours-rebuild-{i}" for i in (1, 2, 3)],
                    [l for l in rows if l.startswith("peer-rebuild")]),
                   ("rebuild after touching every file", ["ours-rebuild-all"], [])]:
    if not any(l in rows for l in o): continue
    ot, om, ov = fmt(o); pt, pm, pv = fmt(p)
    tr = f"{pv[0]/ov[0]:.1f}x" if ov and pv else "-"
    mr = f"{pv[1]/ov[1]:.1f}x" if ov and pv else "-"
    print(f"| {name} | {ot} | {om} | {pt} | {pm} | {tr} | {mr} |")
PY
