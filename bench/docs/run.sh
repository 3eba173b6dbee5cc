#!/usr/bin/env bash
# HTML docs (issue 8): generation time and page size of `gatehouse generate --docs` against openapi-generator's
# html2 generator (PyPI openapi-generator-cli, which runs its jar on the installed Java), on the GitHub and Stripe
# specs of ../shared/testdata/real-world, in the same run. Prints a Markdown table for bench/README.md.
#
#   bench/docs/run.sh            # release build of gatehouse, 3 timed runs each (median), 1 run of html2 after a warm-up
#   RUNS=5 bench/docs/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
OUT=bench/out/docs
mkdir -p "$OUT"
testdata=../shared/testdata/real-world

if ! command -v openapi-generator-cli >/dev/null; then
    echo "openapi-generator-cli is missing: pip install openapi-generator-cli (needs java)" >&2
    exit 1
fi

flock /tmp/swift-build.lock swift build -c release --product gatehouse --scratch-path .build-release >&2
gatehouse=.build-release/release/gatehouse

# Wall-clock seconds of a command, to the millisecond.
seconds() {
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf '| spec | gatehouse time | html2 time | speed-up | gatehouse page | html2 page | size ratio |\n'
printf '|---|---|---|---|---|---|---|\n'
for spec in github stripe; do
    input="$testdata/$spec.json"
    ours=$(for _ in $(seq "$RUNS"); do seconds "$gatehouse" generate "$input" --docs --out "$OUT/$spec"; done | median)
    ourSize=$(stat -c %s "$OUT/$spec/docs/index.html")
    # One warm-up run so that the JVM's file cache is as warm as ours, then the timed run.
    openapi-generator-cli generate -g html2 -i "$input" -o "$OUT/$spec-html2" --skip-validate-spec >/dev/null 2>&1 || true
    theirs=$(seconds openapi-generator-cli generate -g html2 -i "$input" -o "$OUT/$spec-html2" --skip-validate-spec)
    theirSize=$(stat -c %s "$OUT/$spec-html2/index.html")
    printf '| %s | %.2f s | %.2f s | %.1fx | %.1f MB | %.1f MB | %.2f |\n' "$spec" "$ours" "$theirs" \
        "$(echo "$theirs / $ours" | bc -l)" "$(echo "$ourSize / 1000000" | bc -l)" \
        "$(echo "$theirSize / 1000000" | bc -l)" "$(echo "$ourSize / $theirSize" | bc -l)"
done
