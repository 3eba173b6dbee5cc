#!/usr/bin/env bash
# Gatehouse's schema validation against jsonschema-rs (and fastjsonschema) on the same schema and instance, in one
# run: the GitHub-like repository schema and its 100-item array (../shared/testdata/bench-validation), validation
# loop only (compile excluded), and separately parse + validate from bytes: Gatehouse parsing into a tree and then
# validating, and Gatehouse's one pass over the bytes (`isValid(json:)`, against repositories.schema.json, the array
# of the same schema), both against json.loads + is_valid. Prints a Markdown table with the issue 18 goals, and the
# machine's load at the start and at the end.
#
#   bench/validation/run.sh           # about 3 s per measurement
#   SECONDS_PER=5 bench/validation/run.sh
set -euo pipefail
echo "load at start: $(cat /proc/loadavg)"
cd "$(dirname "$0")"
testdata=$(cd ../../../shared/testdata/bench-validation && pwd)
per=${SECONDS_PER:-3}

# jsonschema-rs (and fastjsonschema) for the peer side: installed with pip when missing; where pip refuses to install
# into the system Python (PEP 668), into a venv under /tmp instead, and that venv's python runs the peer.
python=python3
peer_packages=(jsonschema-rs==0.60.0 fastjsonschema)
if ! "$python" -c "import jsonschema_rs, fastjsonschema" 2>/dev/null; then
    if ! pip install -q "${peer_packages[@]}" 2>/dev/null; then
        venv=/tmp/gatehouse-bench-venv
        [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
        "$venv/bin/pip" install -q "${peer_packages[@]}"
        python=$venv/bin/python
    fi
fi

if command -v flock >/dev/null; then lock=(flock /tmp/swift-build.lock); else lock=(); fi
# VALIDATION_BENCH=PATH times a ValidationBench built elsewhere (an earlier commit's, for a before/after table).
if [ -n "${VALIDATION_BENCH:-}" ]; then
    bin=$VALIDATION_BENCH
else
    "${lock[@]}" swift build -c release >&2
    bin=$(swift build -c release --show-bin-path)/ValidationBench
fi

out=$(mktemp)
# Under the build lock, so no build that takes it starts while either side is timed.
"${lock[@]}" "$bin" "$testdata" "$per" >"$out"
"${lock[@]}" "$python" - "$testdata" "$per" >>"$out" <<'PY'
import json, sys, time
import jsonschema_rs, fastjsonschema

testdata, per = sys.argv[1], float(sys.argv[2])
schema = json.load(open(f"{testdata}/repository.schema.json"))
raw = open(f"{testdata}/repositories-100.json", "rb").read()
items = json.loads(raw)
mb = len(raw) / 1e6

def throughput(body):
    for _ in range(20): assert body()
    best = 0.0
    for _ in range(5):
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < per / 5:
            for _ in range(10): assert body()
            calls += 10
        best = max(best, calls * len(items) / (time.perf_counter() - start))
    return best

def report(name, rate):
    print(json.dumps({"name": name, "items_per_s": int(rate), "mb_per_s": round(rate / len(items) * mb, 1)}))

for formats in (True, False):
    v = jsonschema_rs.validator_for(schema, validate_formats=formats)
    report(f"jsonschema-rs is_valid, formats {'on' if formats else 'off'}",
           throughput(lambda: all(v.is_valid(item) for item in items)))
v = jsonschema_rs.validator_for(schema, validate_formats=True)
report("jsonschema-rs json.loads + is_valid from bytes, formats on",
       throughput(lambda: all(v.is_valid(item) for item in json.loads(raw))))
f = fastjsonschema.compile(schema)
def fast():
    for item in items: f(item)
    return True
report("fastjsonschema, formats on", throughput(fast))
PY

python3 - "$out" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
loads = "jsonschema-rs json.loads + is_valid from bytes, formats on"
pairs = [  # (ours, peer, goal ratio)
    ("gatehouse isValid, formats on", "jsonschema-rs is_valid, formats on", 1.0),
    ("gatehouse isValid, formats off", "jsonschema-rs is_valid, formats off", 1.0),
    ("gatehouse validate (all issues), formats on", "jsonschema-rs is_valid, formats on", 1.0),
    ("gatehouse parse + isValid from bytes, formats on", loads, None),
    ("gatehouse isValid(json:) from bytes in one pass, formats on", loads, 1.5),
]
print("| measurement | Gatehouse items/s | MB/s | peer | peer items/s | MB/s | ratio | goal |")
print("|---|---|---|---|---|---|---|---|")
for ours, peer, goal in pairs:
    if ours not in rows: continue  # a binary from before the row existed
    a, b = rows[ours], rows[peer]
    ratio = a['items_per_s'] / b['items_per_s']
    verdict = "" if goal is None else f"≥ {goal:.1f}x: {'met' if ratio >= goal else 'missed'}"
    print(f"| {ours[10:]} | {a['items_per_s']:,} | {a['mb_per_s']} | {peer} | {b['items_per_s']:,} | {b['mb_per_s']} | {ratio:.2f}x | {verdict} |")
f = rows["fastjsonschema, formats on"]
print(f"| | | | fastjsonschema, formats on | {f['items_per_s']:,} | {f['mb_per_s']} | | |")
PY
rm -f "$out"
echo "load at end: $(cat /proc/loadavg)"
