#!/usr/bin/env bash
# `gatehouse serve` against a bare Hummingbird route answering the same bytes, with wrk on loopback, rounds
# alternating between the servers; then the time from process start to the first 200. Prints Markdown for
# bench/README.md; raw wrk output goes to bench/out/serve/.
#
#   bench/serve/run.sh                 # 3 rounds of 15 s per case
#   ROUNDS=1 DURATION=5 bench/serve/run.sh
#   GATEHOUSE=.build/release/gatehouse bench/serve/run.sh    # a binary already built
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}
duration=${DURATION:-15}
out=bench/out/serve
mkdir -p "$out"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

if [ -z "${GATEHOUSE:-}" ]; then
    swift build -c release --product gatehouse >&2
    gatehouse="$(swift build -c release --show-bin-path)/gatehouse"
else
    gatehouse=$GATEHOUSE
fi
(cd bench/serve && swift build -c release >&2)
bare="bench/serve/.build/release/BareRoute"

. bench/servers.sh
trap stop_servers EXIT

# Cases (a) and (b) are answered from the contract's examples (--stateless); a GET from the SQLite store, the
# default, is bench/store's end-to-end case.
"$gatehouse" serve specs/todo.yaml --port 18181 --stateless --log-level warning >"$out/gatehouse.log" 2>&1 &
pids+=($!)
get_path="/api/lists/1/todos/3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04"
post_path="/api/lists/1/todos"
wait_for "http://127.0.0.1:18181$get_path"
curl -s "http://127.0.0.1:18181$get_path" >"$out/get-body.json"
python3 - "$out/post.lua" <<'PY'
import json, sys
# A valid TodoInput padded to 2 KB with long notes.
body = {"title": "Buy milk", "priority": "normal", "notes": ""}
body["notes"] = "x" * (2048 - len(json.dumps(body)))
script = f'''wrk.method = "POST"
wrk.body = {json.dumps(json.dumps(body))}
wrk.headers["Content-Type"] = "application/json"
'''
open(sys.argv[1], "w").write(script)
PY
post_status=$(curl -s -o "$out/post-body.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data "$(python3 -c 'import json;b={"title":"Buy milk","priority":"normal","notes":""};b["notes"]="x"*(2048-len(json.dumps(b)));print(json.dumps(b))')" \
    "http://127.0.0.1:18181$post_path")
[ "$post_status" = 201 ] || { echo "the POST is not accepted (status $post_status): $(cat "$out/post-body.json")" >&2; exit 1; }

"$bare" 18182 "$out/get-body.json" application/json >/dev/null 2>&1 &
pids+=($!)
"$bare" 18183 "$out/post-body.json" application/json >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:18182/"
wait_for "http://127.0.0.1:18183/"

for round in $(seq 1 "$rounds"); do
    run_wrk "bare-get-$round" "http://127.0.0.1:18182$get_path"
    run_wrk "gatehouse-get-$round" "http://127.0.0.1:18181$get_path"
    run_wrk "bare-post-$round" "http://127.0.0.1:18183$post_path" "$out/post.lua"
    run_wrk "gatehouse-post-$round" "http://127.0.0.1:18181$post_path" "$out/post.lua"
done
stop_servers

# Time from process start to the first 200, median of 5.
startup() { # SPEC PATH
    local times=()
    for _ in 1 2 3 4 5; do
        local start end
        start=$(date +%s%N)
        "$gatehouse" serve "$1" --port 18184 --log-level error >/dev/null 2>&1 &
        local pid=$!
        until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18184$2")" = 200 ]; do sleep 0.005; done
        end=$(date +%s%N)
        kill "$pid"; wait "$pid" 2>/dev/null || true
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
petstore_start=$(startup specs/petstore.yaml /v1/pets)
github_start=$(startup ../shared/testdata/real-world/github.json /emojis)

python3 - "$out" "$rounds" "$petstore_start" "$github_start" <<'PY'
import re, sys
out, rounds, petstore, github = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def parse(name):
    text = open(f"{out}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    value, unit = float(p99.group(1)), p99.group(2)
    p99ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return rps, p99ms
print("| case | bare Hummingbird req/s | gatehouse req/s | ratio | bare p99 | gatehouse p99 |")
print("|---|---|---|---|---|---|")
for case, label in [("get", "(a) GET /api/lists/{listId}/todos/{todoId}, from an example"),
                    ("post", "(b) POST /api/lists/{listId}/todos, 2 KB JSON validated")]:
    for r in range(1, rounds + 1):
        bare, ours = parse(f"bare-{case}-{r}"), parse(f"gatehouse-{case}-{r}")
        print(f"| {label}, round {r} | {bare[0]:,.0f} | {ours[0]:,.0f} | {ours[0]/bare[0]:.0%} | {bare[1]:.2f} ms | {ours[1]:.2f} ms |")
print()
print(f"Start to first 200 (median of 5): specs/petstore.yaml {petstore} ms; GitHub spec (github.json) {github} ms.")
PY
