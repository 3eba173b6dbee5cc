#!/usr/bin/env bash
# `gatehouse diff` (release) on a small, a large and a very large contract, each against itself and against a
# revision with 50 planted changes (bench/diff/plant.py), in one run, so the time can be read against the size.
# Issue 17's goal: GitHub's spec against a revision with 50 changes in at most 0.5 s, time growing linearly with
# size. Prints a Markdown table for bench/README.md; raw hyperfine JSON goes to bench/out/diff/.
#
#   bench/diff/run.sh            # 10 runs each after 2 warm-ups (builds the release binary in .build-release)
#   RUNS=20 GATEHOUSE=path/to/gatehouse bench/diff/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
testdata=../shared/testdata/real-world
out=bench/out/diff
mkdir -p "$out"
runs=${RUNS:-10}

command -v hyperfine >/dev/null || { echo "needs hyperfine: apt-get install -y hyperfine" >&2; exit 1; }

. bench/release-gatehouse.sh

python3 bench/diff/plant.py "$testdata/github.json" "$out/github-planted.json"
python3 bench/diff/plant.py "$testdata/stripe.json" "$out/stripe-planted.json"
cp specs/todo.yaml "$out/todo.yaml"

# name, base, revision: a revision with breaking changes exits 1, so hyperfine runs with -i.
cases=(
    "todo-self specs/todo.yaml $out/todo.yaml"
    "stripe-self $testdata/stripe.json $testdata/stripe.json"
    "stripe-50 $testdata/stripe.json $out/stripe-planted.json"
    "github-self $testdata/github.json $testdata/github.json"
    "github-50 $testdata/github.json $out/github-planted.json"
)
for entry in "${cases[@]}"; do
    read -r name base revision <<<"$entry"
    hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$out/$name.json" \
        "$gatehouse diff --format json $base $revision" >&2
    "$gatehouse" diff --format json "$base" "$revision" >"$out/$name-report.json" || true
done

python3 - "$out" "${cases[@]}" <<'PY'
import json, os, sys
out, cases = sys.argv[1], [entry.split() for entry in sys.argv[2:]]
print("| diff | size (both files) | findings | median | min | max | ms per MB |")
print("|---|---|---|---|---|---|---|")
for name, base, revision in cases:
    result = json.load(open(f"{out}/{name}.json"))["results"][0]
    report = json.load(open(f"{out}/{name}-report.json"))
    megabytes = (os.path.getsize(base) + os.path.getsize(revision)) / 1_048_576
    findings = len(report["findings"])
    print(f"| {name} | {megabytes:.1f} MB | {findings} | {result['median']*1000:.0f} ms "
          f"| {result['min']*1000:.0f} ms | {result['max']*1000:.0f} ms | {result['median']*1000/megabytes:.0f} |")
PY
