#!/usr/bin/env bash
# Gatehouse's schema validation against jsonschema-rs on real GitHub response examples, in one run: each pair is
# the value of github.json's #/components/examples/EXAMPLE and its response schema #/components/schemas/SCHEMA,
# formats on, validation loop only (process start, loading and schema compilation excluded for both). Gatehouse
# compiles the OpenAPI 3.0 schemas as they are; github_peer.py converts them to JSON Schema 2020-12 for
# jsonschema-rs. Both sides first check every instance is valid. Prints a Markdown table.
#
#   bench/validation/run-github.sh           # about 3 s per measurement
#   SECONDS_PER=5 bench/validation/run-github.sh
set -euo pipefail
cd "$(dirname "$0")"
spec=$(cd ../../../shared/testdata/real-world && pwd)/github.json
per=${SECONDS_PER:-3}
pairs=(full-repository:full-repository pull-request:pull-request issue:issue repository:repository
    commit:commit private-user:private-user)

python3 -c "import jsonschema_rs" 2>/dev/null || pip install -q jsonschema-rs

if command -v flock >/dev/null; then lock=(flock /tmp/swift-build.lock); else lock=(); fi
"${lock[@]}" swift build -c release >&2
bin=$(swift build -c release --show-bin-path)/ValidationBench

out=$(mktemp)
"${lock[@]}" "$bin" github "$per" "$spec" "${pairs[@]}" >"$out"
"${lock[@]}" python3 github_peer.py "$spec" "$per" "${pairs[@]}" | sed 's/^{"name": "/{"name": "peer /' >>"$out"

python3 - "$out" <<'PY'
import json, sys
rows = {r["name"]: r for r in map(json.loads, open(sys.argv[1]))}
print("| instance (schema, compact size) | Gatehouse items/s | MB/s | jsonschema-rs items/s | MB/s | ratio |")
print("|---|---|---|---|---|---|")
for name, a in rows.items():
    if name.startswith("peer "): continue
    b = rows["peer " + name]
    schema, example = name.split(":")
    print(f"| `{example}` ({schema}, {a['bytes'] / 1e3:.1f} KB) | {a['items_per_s']:,} | {a['mb_per_s']} "
          f"| {b['items_per_s']:,} | {b['mb_per_s']} | {a['items_per_s'] / b['items_per_s']:.2f}x |")
PY
rm -f "$out"
