#!/usr/bin/env bash
# `gatehouse serve --upstream` in front of a backend against the backend hit directly (issue 16). The backend is
# bench/serve's bare Hummingbird route answering the contract's own example bytes; the gateway validates each request
# and checks each backend answer against specs/todo.yaml. wrk -t2 -c64 on loopback, rounds alternating between
# direct and through the gateway. Prints Markdown for bench/README.md; raw wrk output goes to bench/out/proxy/.
#
#   bench/serve/proxy.sh                    # 3 rounds of 10 s per case
#   ROUNDS=1 DURATION=5 bench/serve/proxy.sh
#   GATEHOUSE=.build-release/release/gatehouse bench/serve/proxy.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
out=bench/out/proxy
mkdir -p "$out"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
. bench/release-gatehouse.sh
(cd bench/serve && swift build -c release >&2)
bare="bench/serve/.build/release/BareRoute"

# The gateways run as `serve --upstream` starts by default, on a SQLite store (keys and usage) of their own.
work=$(mktemp -d)
. bench/servers.sh
trap 'stop_servers; rm -rf "$work"' EXIT

get_path="/api/lists/1/todos/3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04"
post_path="/api/lists/1/todos"
post_body=$(python3 -c 'import json;b={"title":"Buy milk","priority":"normal","notes":""};b["notes"]="x"*(2048-len(json.dumps(b)));print(json.dumps(b))')
python3 - "$out/post.lua" "$post_body" <<'PY'
import json, sys
open(sys.argv[1], "w").write(f'''wrk.method = "POST"
wrk.body = {json.dumps(sys.argv[2])}
wrk.headers["Content-Type"] = "application/json"
''')
PY

# The backend's answers are the contract's own: what the mock answers for the same calls.
"$gatehouse" serve specs/todo.yaml --port 18291 --stateless --log-level warning >"$out/mock.log" 2>&1 &
mock=$!
pids+=($mock)
wait_for "http://127.0.0.1:18291$get_path"
curl -s "http://127.0.0.1:18291$get_path" >"$out/get-body.json"
location=$(curl -s -D - -o "$out/post-body.json" -X POST -H 'Content-Type: application/json' --data "$post_body" \
    "http://127.0.0.1:18291$post_path" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
kill "$mock"

"$bare" 18292 "$out/get-body.json" application/json 200 >/dev/null 2>&1 &
pids+=($!)
"$bare" 18293 "$out/post-body.json" application/json 201 "Location=$location" >/dev/null 2>&1 &
pids+=($!)
"$gatehouse" serve specs/todo.yaml --port 18294 --upstream http://127.0.0.1:18292 --store "sqlite:$work/get.sqlite" \
    --log-level warning >"$out/gateway-get.log" 2>&1 &
pids+=($!)
"$gatehouse" serve specs/todo.yaml --port 18295 --upstream http://127.0.0.1:18293 --store "sqlite:$work/post.sqlite" \
    --log-level warning >"$out/gateway-post.log" 2>&1 &
pids+=($!)
for port in 18292 18293 18294; do wait_for "http://127.0.0.1:$port$get_path"; done
wait_for "http://127.0.0.1:18295/"
# Both answers pass the gateway's checks (a violation would be logged and put in a header on every request).
get_headers=$(curl -s -D - -o /dev/null "http://127.0.0.1:18294$get_path")
post_headers=$(curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' --data "$post_body" \
    "http://127.0.0.1:18295$post_path")
if grep -qi "gatehouse-contract-violation" <<<"$get_headers$post_headers"; then
    echo "a backend answer breaks the contract: $get_headers $post_headers" >&2; exit 1
fi

for round in $(seq 1 "$rounds"); do
    run_wrk "direct-get-$round" "http://127.0.0.1:18292$get_path"
    run_wrk "gateway-get-$round" "http://127.0.0.1:18294$get_path"
    run_wrk "direct-post-$round" "http://127.0.0.1:18293$post_path" "$out/post.lua"
    run_wrk "gateway-post-$round" "http://127.0.0.1:18295$post_path" "$out/post.lua"
done
stop_servers
if grep -q "breaks the contract" "$out"/gateway-*.log; then
    echo "the gateway reported contract violations under load; see $out/gateway-*.log" >&2; exit 1
fi

python3 - "$out" "$rounds" <<'PY'
import re, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def parse(name):
    text = open(f"{out}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    value, unit = float(p99.group(1)), p99.group(2)
    p99ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, p99ms, int(errors.group(1)) if errors else 0
print("| case | direct req/s | through the gateway req/s | ratio | direct p99 | gateway p99 | p99 added | non-2xx |")
print("|---|---|---|---|---|---|---|---|")
for case, label in [("get", "GET a to-do (200 JSON)"), ("post", "POST a 2 KB to-do (201 JSON)")]:
    for r in range(1, rounds + 1):
        direct, gateway = parse(f"direct-{case}-{r}"), parse(f"gateway-{case}-{r}")
        print(f"| {label}, round {r} | {direct[0]:,.0f} | {gateway[0]:,.0f} | {gateway[0]/direct[0]:.0%} "
              f"| {direct[1]:.2f} ms | {gateway[1]:.2f} ms | {gateway[1]-direct[1]:.2f} ms | {gateway[2]} |")
PY
