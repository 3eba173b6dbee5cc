#!/usr/bin/env bash
# The CPU a request costs the gateway, the PostgreSQL server and the whole machine, and how the gateway's threads
# share it: `gatehouse serve specs/todo.yaml` on a new store, a list and a to-do created, 2 s of `wrk -t2 -c64` to warm
# up, then 8 s measured from /proc (the gateway's process and threads, every `postgres` process, /proc/stat). One line
# per run, for A/B comparisons of two builds run alternately.
#
#   CASE=post STORE=sqlite bench/store/cpu-per-request.sh         # creates on SQLite, the release build
#   BIN=/tmp/old/gatehouse CASE=get STORE=pg bench/store/cpu-per-request.sh
#       # GETs of one to-do on PostgreSQL: a new database on bench/store/postgres-cluster.sh's cluster
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${BIN:-.build-release/release/gatehouse}
case=${CASE:-post}
store=${STORE:-sqlite}
port=${PORT:-18401}
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d)
psql_admin() {
    local bin_dir
    bin_dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    if [ "$(id -u)" = 0 ]; then su postgres -c "$bin_dir/psql -h 127.0.0.1 -p ${PGBENCH_PORT:-55432} -U postgres -q -c '$1'"
    else "$bin_dir/psql" -h 127.0.0.1 -p "${PGBENCH_PORT:-55432}" -U postgres -q -c "$1"; fi
}
if [ "$store" = pg ]; then
    database=cpu$RANDOM
    psql_admin "CREATE DATABASE $database OWNER gatehouse"
    url="postgres://gatehouse:bench@127.0.0.1:${PGBENCH_PORT:-55432}/$database?sslmode=disable"
else
    url="sqlite:$work/store.sqlite"
fi
"$bin" serve specs/todo.yaml --port "$port" --store "$url" --log-level warning >"$work/log" 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ "$store" = pg ]; then psql_admin "DROP DATABASE $database"; fi
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/lists" && break; sleep 0.1; done
curl -s -X POST -H 'Content-Type: application/json' -d '{"name": "Groceries"}' "http://127.0.0.1:$port/api/lists" \
    >/dev/null
body='{"title": "Buy oat milk", "tags": ["bench"]}'
id=$(curl -s -X POST -H 'Content-Type: application/json' -d "$body" "http://127.0.0.1:$port/api/lists/1/todos" |
    python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
printf 'wrk.method = "POST"\nwrk.body = %s\nwrk.headers["Content-Type"] = "application/json"\n' "'$body'" \
    >"$work/post.lua"
if [ "$case" = post ]; then path=/api/lists/1/todos; script=(-s "$work/post.lua"); else
    path=/api/lists/1/todos/$id; script=(); fi
wrk -t2 -c64 -d2s "${script[@]}" "http://127.0.0.1:$port$path" >/dev/null
ticks() { awk '{print $14+$15}' "$1"; }
postgres_ticks() {
    local total=0
    for p in $(pgrep -x postgres || true); do total=$((total + $(ticks /proc/$p/stat))); done
    echo "$total"
}
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$6+$7+$8}' /proc/stat; }
threads() { for t in /proc/$pid/task/*; do echo "$(tr ' ' _ <"$t/comm") $(ticks "$t/stat")"; done; }
g0=$(ticks /proc/$pid/stat); p0=$(postgres_ticks); m0=$(machine_ticks); threads >"$work/threads0"
wrk -t2 -c64 -d8s "${script[@]}" "http://127.0.0.1:$port$path" >"$work/wrk.txt"
g1=$(ticks /proc/$pid/stat); p1=$(postgres_ticks); m1=$(machine_ticks); threads >"$work/threads1"
python3 - "$work" "$(getconf CLK_TCK)" "$g0" "$g1" "$p0" "$p1" "$m0" "$m1" "$case" "$store" <<'PY'
import re, sys
work, tick = sys.argv[1], int(sys.argv[2])
g0, g1, p0, p1, m0, m1 = map(int, sys.argv[3:9])
text = open(f"{work}/wrk.txt").read()
requests = int(re.search(r"(\d+) requests in", text).group(1))
rate = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
per = lambda a, b: (b - a) / tick / requests * 1e6
before = [line.split() for line in open(f"{work}/threads0")]
after = [line.split() for line in open(f"{work}/threads1")]
busy = " ".join(f"{name}:{int(b) - int(a)}" for (name, a), (_, b) in zip(before, after) if int(b) - int(a) > 20)
load = open("/proc/loadavg").read().split()[0]
print(f"{sys.argv[9]} {sys.argv[10]}: {rate} req/s; gateway {per(g0, g1):.1f} µs, PostgreSQL {per(p0, p1):.1f} µs, "
      f"machine {per(m0, m1):.1f} µs a request; non-2xx {non2xx.group(1) if non2xx else 0}; "
      f"thread ticks {busy}; load {load}")
PY
