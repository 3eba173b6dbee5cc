#!/usr/bin/env bash
# `gatehouse check` (release) against openapi-spec-validator, the validator CI pipelines run today, on the largest
# real-world specs, in one run. Prints a Markdown table for bench/README.md; raw hyperfine JSON goes to bench/out/.
#
#   bench/check/run.sh            # all four files
#   RUNS=20 bench/check/run.sh    # more runs of gatehouse (the peer gets PEER_RUNS, default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
testdata=../shared/testdata/real-world
out=bench/out/check
mkdir -p "$out"
runs=${RUNS:-10}
peer_runs=${PEER_RUNS:-3}

command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }
python3 -c "import openapi_spec_validator" 2>/dev/null || pip install -q openapi-spec-validator==0.9.0

swift build -c release --product gatehouse >&2
gatehouse=$(swift build -c release --show-bin-path)/gatehouse

for spec in github.json stripe.json github.yaml stripe.yaml; do
    # gatehouse exits 0 here (warnings only); -i keeps hyperfine going if a later change makes it 1.
    hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$out/gatehouse-$spec.json" \
        "$gatehouse check $testdata/$spec" >&2
    hyperfine -i --warmup 0 --runs "$peer_runs" --export-json "$out/peer-$spec.json" \
        "python3 -m openapi_spec_validator $testdata/$spec" >&2
done

python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
print("| spec | gatehouse check (median) | openapi-spec-validator 0.9 (median) | ratio |")
print("|---|---|---|---|")
for spec in ["github.json", "stripe.json", "github.yaml", "stripe.yaml"]:
    ours = json.load(open(f"{out}/gatehouse-{spec}.json"))["results"][0]
    peer = json.load(open(f"{out}/peer-{spec}.json"))["results"][0]
    print(f"| {spec} | {ours['median']*1000:.0f} ms (min {ours['min']*1000:.0f}, max {ours['max']*1000:.0f}) "
          f"| {peer['median']:.2f} s | {peer['median']/ours['median']:.0f}x |")
PY
