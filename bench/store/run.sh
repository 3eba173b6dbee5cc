#!/usr/bin/env bash
# The table store against raw SQLite, then GET /api/lists/{listId}/todos/{todoId} served from the store beside the
# example-backed (stateless) mock of the same route, with wrk. Prints Markdown for bench/README.md; raw output goes
# to bench/out/store/. Every build goes through the shared build lock.
#
#   bench/store/run.sh                       # 20,000 items x 5 rounds; 3 wrk rounds of 10 s per case
#   ITEMS=5000 ROUNDS=1 DURATION=5 bench/store/run.sh
#   SKIP_POINTS=1 GATEHOUSE=.build/debug/gatehouse bench/store/run.sh   # the wrk part only, with a given binary
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
fi

# GATEHOUSE=path/to/gatehouse uses that binary instead of building a release one.
if [ -z "${GATEHOUSE:-}" ]; then
    flock "$lock" swift build -c release --product gatehouse --scratch-path .build-release >&2
    gatehouse="$(swift build -c release --scratch-path .build-release --show-bin-path)/gatehouse"
else
    gatehouse=$GATEHOUSE
fi
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
wait_for() { # URL: until it answers, at most 10 s
    for _ in $(seq 1 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
    echo "no answer from $1" >&2; return 1
}

"$gatehouse" serve specs/todo.yaml --port 18191 --store "sqlite:$work/store.sqlite" --log-level warning \
    >"$out/stored.log" 2>&1 &
pids+=($!)
"$gatehouse" serve specs/todo.yaml --port 18192 --stateless --log-level warning >"$out/stateless.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:18191/api/lists"
wait_for "http://127.0.0.1:18192/api/lists"
curl -s -X POST -H 'Content-Type: application/json' -d '{"name": "Groceries"}' http://127.0.0.1:18191/api/lists >/dev/null
# A hundred to-dos in list 1; the bench reads the 50th.
for i in $(seq 1 100); do
    curl -s -X POST -H 'Content-Type: application/json' -d "{\"title\": \"To-do $i\", \"tags\": [\"bench\"]}" \
        http://127.0.0.1:18191/api/lists/1/todos >"$out/created.json"
    [ "$i" = 50 ] && id=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["id"])' "$out/created.json")
done
path="/api/lists/1/todos/$id"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18191$path")" = 200 ] || { echo "the stored to-do is not found" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:18192$path")" = 200 ] || { echo "the stateless mock does not answer" >&2; exit 1; }

for round in $(seq 1 "$rounds"); do
    wrk -t2 -c64 "-d${duration}s" --latency "http://127.0.0.1:18192$path" >"$out/stateless-$round.txt"
    wrk -t2 -c64 "-d${duration}s" --latency "http://127.0.0.1:18191$path" >"$out/stored-$round.txt"
done

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
print("| round | stateless (example) req/s | from the SQLite store req/s | ratio | stateless p99 | store p99 | non-2xx |")
print("|---|---|---|---|---|---|---|")
for r in range(1, rounds + 1):
    a, b = parse(f"stateless-{r}"), parse(f"stored-{r}")
    print(f"| {r} | {a[0]:,.0f} | {b[0]:,.0f} | {b[0]/a[0]:.0%} | {a[1]:.2f} ms | {b[1]:.2f} ms | {a[2] + b[2]} |")
PY
