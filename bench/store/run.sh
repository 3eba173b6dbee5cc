#!/usr/bin/env bash
# The table store against raw SQLite, then `gatehouse serve specs/todo.yaml` on its SQLite store (the default, stateful)
# against bench/serve's bare Hummingbird route, with wrk, rounds alternating between the servers: a GET of an existing
# to-do by id, and a POST creating a to-do (a new item per request). Prints Markdown for bench/README.md, with the
# load average before each wrk run, and each share against issue 14's goal; raw output goes to bench/out/store/.
# Every build goes through the shared build lock.
#
#   bench/store/run.sh                       # 20,000 items x 5 rounds; 3 wrk rounds of 10 s per case
#   ITEMS=5000 ROUNDS=1 DURATION=5 bench/store/run.sh
#   SKIP_POINTS=1 GATEHOUSE=.build-release/release/gatehouse bench/store/run.sh   # the wrk part, with a given binary
#   PG_URL=postgres://USER:PASSWORD@127.0.0.1:5432/DB bench/store/run.sh   # also PostgresTableStore against the same
#       statements as postgres-nio prepared statements, and serve on that database beside SQLite (an empty database)
set -euo pipefail
cd "$(dirname "$0")/../.."
items=${ITEMS:-20000}
rounds=${ROUNDS:-3}
duration=${DURATION:-10}
out=bench/out/store
mkdir -p "$out"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
lock=/tmp/swift-build.lock

if [ -z "${SKIP_POINTS:-}" ]; then
    (cd bench/store && flock "$lock" swift build -c release >&2)
    echo "### Point operations, $items items"
    bench/store/.build/release/StoreBench "$items" 5 | tee "$out/points.md"
    echo
    if [ -n "${PG_URL:-}" ]; then
        echo "### PostgreSQL point operations, ${PG_ITEMS:-3000} items"
        bench/store/.build/release/PostgresStoreBench "${PG_ITEMS:-3000}" 3 | tee "$out/postgres-points.md"
        echo
    fi
fi

# GATEHOUSE=path/to/gatehouse uses that binary instead of building a release one.
if [ -z "${GATEHOUSE:-}" ]; then
    flock "$lock" swift build -c release --product gatehouse --scratch-path .build-release >&2
    gatehouse="$(swift build -c release --scratch-path .build-release --show-bin-path)/gatehouse"
else
    gatehouse=$GATEHOUSE
fi
(cd bench/serve && flock "$lock" swift build -c release >&2)
bare="bench/serve/.build/release/BareRoute"
work=$(mktemp -d)
. bench/servers.sh
trap 'stop_servers; rm -rf "$work"' EXIT

body='{"title": "Buy oat milk", "tags": ["bench"]}'
# A server on its store with a list and a hundred to-dos in list 1; sets the variable named VAR to the path of the
# 50th, which the GET reads. The POST creates more, with the body of the first ones. (Not run in a command
# substitution: its subshell would keep the server's pid from the cleanup.)
start_server() { # NAME PORT STORE VAR
    if curl -s -o /dev/null "http://127.0.0.1:$2/"; then echo "port $2 is in use: stop what serves it" >&2; exit 1; fi
    "$gatehouse" serve specs/todo.yaml --port "$2" --store "$3" --log-level warning >"$out/$1.log" 2>&1 &
    pids+=($!)
    wait_for "http://127.0.0.1:$2/api/lists"
    curl -s -X POST -H 'Content-Type: application/json' -d '{"name": "Groceries"}' "http://127.0.0.1:$2/api/lists" \
        >/dev/null
    local id=""
    for i in $(seq 1 100); do
        curl -s -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$2/api/lists/1/todos" \
            >"$out/created.json"
        [ "$i" = 1 ] && cp "$out/created.json" "$out/post-body.json"
        [ "$i" = 50 ] && id=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["id"])' "$out/created.json")
    done
    [ "$(curl -s -o "$out/get-body.json" -w '%{http_code}' "http://127.0.0.1:$2/api/lists/1/todos/$id")" = 200 ] \
        || { echo "the stored to-do is not found on $1" >&2; exit 1; }
    printf -v "$4" '%s' "/api/lists/1/todos/$id"
}
start_server stored 18191 "sqlite:$work/store.sqlite" get_path
post_path="/api/lists/1/todos"
# PG_URL=postgres://USER:PASSWORD@HOST:PORT/DB (an empty database) measures the PostgreSQL store beside SQLite.
if [ -n "${PG_URL:-}" ]; then
    start_server postgres 18195 "$PG_URL" pg_get_path
fi
python3 - "$out/post.lua" "$body" <<'PY'
import json, sys
open(sys.argv[1], "w").write(f'''wrk.method = "POST"
wrk.body = {json.dumps(sys.argv[2])}
wrk.headers["Content-Type"] = "application/json"
''')
PY

# The bare route answers every request with the bytes the gateway answers: the stored to-do, a created one.
"$bare" 18193 "$out/get-body.json" application/json >/dev/null 2>&1 &
pids+=($!)
"$bare" 18194 "$out/post-body.json" application/json >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:18193/"
wait_for "http://127.0.0.1:18194/"

run_wrk() { # NAME URL [LUA]
    local args=(-t2 -c64 "-d${duration}s" --latency)
    [ -n "${3:-}" ] && args+=(-s "$3")
    cut -d' ' -f1-3 /proc/loadavg >"$out/$1.load"
    wrk "${args[@]}" "$2" >"$out/$1.txt"
}
for round in $(seq 1 "$rounds"); do
    run_wrk "bare-get-$round" "http://127.0.0.1:18193$get_path"
    run_wrk "stored-get-$round" "http://127.0.0.1:18191$get_path"
    run_wrk "bare-post-$round" "http://127.0.0.1:18194$post_path" "$out/post.lua"
    run_wrk "stored-post-$round" "http://127.0.0.1:18191$post_path" "$out/post.lua"
    if [ -n "${PG_URL:-}" ]; then
        run_wrk "postgres-get-$round" "http://127.0.0.1:18195$pg_get_path"
        run_wrk "postgres-post-$round" "http://127.0.0.1:18195$post_path" "$out/post.lua"
    fi
done

python3 - "$out" "$rounds" "${PG_URL:+postgres}" <<'PY'
import re, sys
out, rounds = sys.argv[1], int(sys.argv[2])
postgres = len(sys.argv) > 3 and sys.argv[3] == "postgres"
def parse(name):
    text = open(f"{out}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    value, unit = float(p99.group(1)), p99.group(2)
    p99ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    load = open(f"{out}/{name}.load").read().split()[0]
    return rps, p99ms, int(errors.group(1)) if errors else 0, load
print("| case, round | bare route req/s | gatehouse (SQLite store) req/s | ratio | bare p99 | gatehouse p99 "
      "| non-2xx | load before (bare, gatehouse) |")
print("|---|---|---|---|---|---|---|---|")
for case, label in [("get", "GET an existing to-do"), ("post", "POST create a to-do")]:
    for r in range(1, rounds + 1):
        a, b = parse(f"bare-{case}-{r}"), parse(f"stored-{case}-{r}")
        print(f"| {label}, {r} | {a[0]:,.0f} | {b[0]:,.0f} | {b[0]/a[0]:.0%} | {a[1]:.2f} ms | {b[1]:.2f} ms "
              f"| {a[2] + b[2]} | {a[3]}, {b[3]} |")
if postgres:
    print()
    print("| case, round | gatehouse (SQLite store) req/s | gatehouse (PostgreSQL store) req/s | PostgreSQL / SQLite "
          "| PostgreSQL p99 | non-2xx | load before |")
    print("|---|---|---|---|---|---|---|")
    for case, label in [("get", "GET an existing to-do"), ("post", "POST create a to-do")]:
        for r in range(1, rounds + 1):
            a, b = parse(f"stored-{case}-{r}"), parse(f"postgres-{case}-{r}")
            print(f"| {label}, {r} | {a[0]:,.0f} | {b[0]:,.0f} | {b[0]/a[0]:.0%} | {b[1]:.2f} ms | {b[2]} | {b[3]} |")

# Each share against issue 14's goal: over all rounds (the requests of every round added up, so a round the machine
# slowed weighs what it served) and round by round.
print()
print("| share | all rounds | per round | goal | rounds at the goal |")
print("|---|---|---|---|---|")
shares = [("SQLite GET of the bare route's", "bare-get", "stored-get", 0.50),
          ("SQLite create of the bare route's", "bare-post", "stored-post", 0.35)]
if postgres:
    shares += [("PostgreSQL GET of SQLite's", "stored-get", "postgres-get", 0.50),
               ("PostgreSQL create of SQLite's", "stored-post", "postgres-post", 0.50)]
for label, base, measured, goal in shares:
    pairs = [(parse(f"{base}-{r}")[0], parse(f"{measured}-{r}")[0]) for r in range(1, rounds + 1)]
    ratios = [m / b for b, m in pairs]
    total = sum(m for _, m in pairs) / sum(b for b, _ in pairs)
    print(f"| {label} | {total:.1%} | {min(ratios):.0%}-{max(ratios):.0%} | {goal:.0%} "
          f"| {sum(r >= goal for r in ratios)} of {rounds} |")
PY
