#!/usr/bin/env bash
# A soak: `gatehouse serve specs/todo.yaml` (release, the default SQLite store) under a mixed wrk load (reads,
# writes, keyed calls on a metered plan that never refuses, 4xx; mixed.lua) for DURATION seconds (default 600),
# with the server's RSS and open file descriptors sampled every second into bench/out/soak/samples.csv. Prints the
# figures for bench/README.md: both at the end of the warm-up (the first minute) and at the end, and their peaks;
# flat after warm-up is the goal.
#
#   bench/soak/run.sh                   # 10 minutes
#   DURATION=60 bench/soak/run.sh       # a quick look
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=${DURATION:-600}
warmup=${WARMUP:-60}
out=bench/out/soak
rm -rf "$out"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

. bench/release-gatehouse.sh

store="sqlite:$out/store.sqlite"
key=$("$gatehouse" keys create --name soak --plan soak --store "$store" 2>/dev/null)
pid=
sampler=
cleanup() {
    [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
}
trap cleanup EXIT
"$gatehouse" serve specs/todo.yaml --port 18193 --store "$store" --usage-plans bench/soak/plans.yaml --log-level warning >"$out/gatehouse.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do curl -s -o /dev/null http://127.0.0.1:18193/api/lists && break; sleep 0.1; done
curl -s -o /dev/null -X POST -H "X-API-Key: $key" -H 'Content-Type: application/json' \
    -d '{"name": "First"}' http://127.0.0.1:18193/api/lists

echo "second,rss_kb,fds" >"$out/samples.csv"
(
    second=0
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
        fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
        echo "$second,$rss,$fds" >>"$out/samples.csv"
        second=$((second + 1))
        sleep 1
    done
) &
sampler=$!
load_start=$(cut -d' ' -f1 /proc/loadavg)
KEY="$key" wrk -t2 -c64 "-d${duration}s" -s bench/soak/mixed.lua --latency http://127.0.0.1:18193 >"$out/wrk.txt"
load_end=$(cut -d' ' -f1 /proc/loadavg)
sleep 2
kill "$sampler" 2>/dev/null || true
sampler=

python3 - "$out" "$warmup" "$load_start" "$load_end" <<'PY'
import csv, re, sys
out, warmup, load_start, load_end = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = [(int(r["second"]), int(r["rss_kb"]), int(r["fds"])) for r in csv.DictReader(open(f"{out}/samples.csv"))]
after = [r for r in rows if r[0] >= warmup]
at_warmup = after[0] if after else rows[-1]
end = rows[-1]
wrk = open(f"{out}/wrk.txt").read()
total = int(re.search(r"(\d+) requests in", wrk).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", wrk).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", wrk)
errors = re.search(r"Socket errors: (.*)", wrk)
print(f"| soak | requests | req/s | non-2xx | RSS at {warmup} s | RSS at end | RSS peak after warm-up | fds at {warmup} s | fds at end | fds peak | load start/end |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
print(f"| {end[0]} s | {total} | {rps:.0f} | {non2xx.group(1) if non2xx else 0} | {at_warmup[1]/1024:.1f} MB | "
      f"{end[1]/1024:.1f} MB | {max(r[1] for r in after or rows)/1024:.1f} MB | {at_warmup[2]} | {end[2]} | "
      f"{max(r[2] for r in after or rows)} | {load_start} / {load_end} |")
if errors: print(f"\nwrk socket errors: {errors.group(1)}")
PY
