#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer (release, toolset.json) and runs each for DURATION seconds (default 600) from
# its seed corpus (corpus/TARGET, plus the repository's specs for FuzzSpec). Findings (a crash, a hang past
# -timeout, a leak, an invariant broken) are written to out/fuzz/TARGET/ and stop that target; the log's last lines
# give the executions and coverage reached. Not part of CI: record the results in bench/README.md.
#
# Usage: bench/fuzz/run.sh [TARGET…]      (DURATION=60 bench/fuzz/run.sh FuzzJSON for a quick look)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${DURATION:-600}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(FuzzJSON FuzzSpec FuzzSchema FuzzRequest FuzzXML); fi

cd "$here"
# toolset.json adds -sanitize=fuzzer,address to every Swift compile and link, and links with lld (gold fails on the
# instrumented objects with an internal error).
swift build -c release --toolset toolset.json
bin="$(swift build -c release --toolset toolset.json --show-bin-path)"

out="$root/bench/out/fuzz"
mkdir -p "$out"
status=0
for target in "${targets[@]}"; do
    work="$out/$target"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/findings"
    cp "$here/corpus/$target/"* "$work/corpus/"
    if [ "$target" = FuzzSpec ]; then cp "$root"/specs/*.yaml "$work/corpus/"; fi
    printf '\n== %s for %s s (load %s)\n' "$target" "$duration" "$(cut -d' ' -f1-3 /proc/loadavg)"
    # Leak detection is off: the Swift runtime's metadata caches and each target's contract, built once on first
    # use, read as leaks at exit. The soak (bench/soak) is what watches the server's memory.
    if SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$bin/$target" "$work/corpus" -max_total_time="$duration" -timeout=10 \
        -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 -artifact_prefix="$work/findings/" -print_final_stats=1 \
        >"$work/log" 2>&1; then
        echo "$target: no finding"
    else
        echo "$target: FINDING (see $work/findings and $work/log)"
        status=1
    fi
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb|Done )' "$work/log" | tail -3 || true
    grep -E 'cov: [0-9]+' "$work/log" | tail -1 || true
done
exit $status
