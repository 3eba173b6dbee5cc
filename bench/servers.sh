# Sourced by the bench scripts that start servers, from the repository root: `pids` (add each server's pid to it),
# `stop_servers` (kills them, the last started first, waits for each and empties `pids`; the scripts also call it
# from their EXIT trap) and `wait_for URL` (returns once the URL answers, fails after 10 s); and
# `run_wrk NAME URL [LUA]`, wrk -t2 -c64 for the caller's `$duration` seconds with latencies, its output in
# `$out/NAME.txt`.
pids=()
stop_servers() {
    # The last started first, each waited for: a gateway finishes the requests still in flight (wrk's last ones)
    # before the backend behind it goes, which would otherwise fail them and log "the backend did not answer".
    local i
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
        wait "${pids[i]}" 2>/dev/null || true
    done
    pids=()
}
wait_for() { # URL
    for _ in $(seq 1 200); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done
    echo "no answer from $1" >&2; return 1
}
run_wrk() { # NAME URL [LUA]
    local args=(-t2 -c64 "-d${duration}s" --latency)
    [ -n "${3:-}" ] && args+=(-s "$3")
    wrk "${args[@]}" "$2" >"$out/$1.txt"
}
