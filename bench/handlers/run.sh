#!/usr/bin/env bash
# The JSON work of one generated handler call as generated before (coders and date formatters built per call)
# against now (shared coders, ISO8601 format styles), in one process (rounds alternate). Compiles generated/todo's client sources with this main.swift, -O, through the
# shared build lock. Prints Markdown rows for bench/README.md.
#
#   bench/handlers/run.sh              # 5 000 calls per variant and round, best of 5 rounds
#   bench/handlers/run.sh 20000 7      # calls, rounds
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/out/handlers
mkdir -p "$out"
mapfile -t sources < <(find generated/todo/Client/Sources/TodoClient -name '*.swift' | sort)
flock /tmp/swift-build.lock swiftc -O -module-name HandlerBench "${sources[@]}" bench/handlers/main.swift \
    -o "$out/handler-bench"
"$out/handler-bench" "${1:-5000}" "${2:-5}"
