#!/usr/bin/env bash
# The cost of key checking and metering: wrk on the same operation with no security (/api/open/7) and behind an API
# key on a plan with a high throttle and a daily quota (/api/keyed/7: hash, lookup, token bucket, an atomic counter
# in the SQLite store per request), one server, rounds alternating. Prints Markdown for bench/README.md; raw wrk
# output goes to bench/out/keys/.
#
#   bench/keys/run.sh                  # 3 rounds of 15 s per case
#   ROUNDS=1 DURATION=5 bench/keys/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-3}
duration=${DURATION:-15}
out=bench/out/keys
rm -rf "$out"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install -y wrk" >&2; exit 1; }

. bench/release-gatehouse.sh

store="sqlite:$out/store.sqlite"
key=$("$gatehouse" keys create --name bench --plan bench --store "$store" 2>/dev/null)

pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }
trap cleanup EXIT
"$gatehouse" serve bench/keys/keys.yaml --port 18191 --store "$store" --stateless --log-level warning \
    >"$out/gatehouse.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do curl -s -o /dev/null http://127.0.0.1:18191/api/open/7 && break; sleep 0.05; done
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $key" http://127.0.0.1:18191/api/keyed/7)" = 200 ] \
    || { echo "the key is not accepted" >&2; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18191/api/keyed/7)" = 403 ] \
    || { echo "the keyed operation answers without a key" >&2; exit 1; }

for round in $(seq 1 "$rounds"); do
    wrk -t2 -c64 "-d${duration}s" --latency http://127.0.0.1:18191/api/open/7 >"$out/open-$round.txt"
    wrk -t2 -c64 "-d${duration}s" --latency -H "X-API-Key: $key" http://127.0.0.1:18191/api/keyed/7 \
        >"$out/keyed-$round.txt"
done
cleanup
pid=
counted=$("$gatehouse" keys usage --key bench --store "$store" --format csv | tr -d '\r' | tail -n +2 | cut -d, -f3 | paste -sd+ | bc)

python3 - "$out" "$rounds" "$counted" <<'PY'
import re, sys
out, rounds, counted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def parse(name):
    text = open(f"{out}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    value, unit = float(p99.group(1)), p99.group(2)
    p99ms = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    return rps, p99ms, total, int(non2xx.group(1)) if non2xx else 0
print("| round | no security req/s | API key + plan req/s | ratio | no security p99 | API key p99 |")
print("|---|---|---|---|---|---|")
keyed_total = 0
ratios = []
for r in range(1, rounds + 1):
    plain, keyed = parse(f"open-{r}"), parse(f"keyed-{r}")
    assert plain[3] == 0 and keyed[3] == 0, "non-2xx answers: the comparison is void"
    keyed_total += keyed[2]
    ratios.append(keyed[0] / plain[0])
    print(f"| {r} | {plain[0]:,.0f} | {keyed[0]:,.0f} | {keyed[0]/plain[0]:.0%} | {plain[1]:.2f} ms | {keyed[1]:.2f} ms |")
print()
print(f"Mean ratio {sum(ratios)/len(ratios):.0%}. Requests counted in the store by `gatehouse keys usage`: {counted:,}"
      f" (wrk completed {keyed_total:,} keyed requests; add 1 for the check and those in flight when a round ended).")
PY
