#!/usr/bin/env bash
# Gatehouse's schema validation against jsonschema-rs on real GitHub response examples, in one run: each pair is
# the value of github.json's #/components/examples/EXAMPLE and its response schema #/components/schemas/SCHEMA,
# formats on, validation loop only (process start, loading and schema compilation excluded for both). Gatehouse
# compiles the OpenAPI 3.0 schemas as they are; github_peer.py converts them to JSON Schema 2020-12 for
# jsonschema-rs. Both sides first check every instance is valid. From bytes: each instance's compact JSON, parsed then
# validated (Gatehouse's tree; Python's json.loads for jsonschema-rs) and in Gatehouse's one pass (`isValid(json:)`).
# Prints a Markdown table with the issue 18 goals, and the machine's load at the start and at the end.
#
#   bench/validation/run-github.sh           # about 3 s per measurement
#   SECONDS_PER=5 bench/validation/run-github.sh
set -euo pipefail
echo "load at start: $(cat /proc/loadavg)"
cd "$(dirname "$0")"
spec=$(cd ../../../shared/testdata/real-world && pwd)/github.json
per=${SECONDS_PER:-3}
pairs=(full-repository:full-repository pull-request:pull-request issue:issue repository:repository
    commit:commit private-user:private-user)

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
"${lock[@]}" "$bin" github "$per" "$spec" "${pairs[@]}" >"$out"
"${lock[@]}" "$python" github_peer.py "$spec" "$per" "${pairs[@]}" | sed 's/^{"name": "/{"name": "peer /' >>"$out"

python3 - "$out" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
print("| instance (schema, compact size) | measurement | Gatehouse items/s | MB/s | jsonschema-rs items/s | MB/s | ratio | goal |")
print("|---|---|---|---|---|---|---|---|")
kinds = [  # (our prefix, what, peer prefix, goal ratio)
    ("", "isValid on the parsed value", "peer ", 1.0),
    ("from bytes, parse + isValid ", "from bytes: parse, then isValid", "peer from bytes ", None),
    ("from bytes, one pass ", "from bytes: isValid(json:), one pass", "peer from bytes ", 1.5),
]
for name, a in rows.items():
    if name.startswith("peer ") or name.startswith("from bytes"): continue
    schema, example = name.split(":")
    for ours, what, peer, goal in kinds:
        if ours + name not in rows: continue  # a binary from before the row existed
        a, b = rows[ours + name], rows[peer + name]
        ratio = a['items_per_s'] / b['items_per_s']
        verdict = "" if goal is None else f"≥ {goal:.1f}x: {'met' if ratio >= goal else 'missed'}"
        print(f"| `{example}` ({schema}, {a['bytes'] / 1e3:.1f} KB) | {what} | {a['items_per_s']:,} | {a['mb_per_s']} "
              f"| {b['items_per_s']:,} | {b['mb_per_s']} | {ratio:.2f}x | {verdict} |")
PY
rm -f "$out"
echo "load at end: $(cat /proc/loadavg)"
