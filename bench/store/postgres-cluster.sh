#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the store benches: initdb with defaults (fsync and synchronous_commit on),
# listening on 127.0.0.1:55432, a role `gatehouse` (password `bench`) owning the databases `bench` (point operations)
# and `benche2e` (serve end to end). Runs as user postgres when started as root, as the tests' clusters do.
#
#   bench/store/postgres-cluster.sh start    # prints the PG_URL to give bench/store/run.sh
#   PG_URL=postgres://gatehouse:bench@127.0.0.1:55432/benche2e?sslmode=disable bench/store/run.sh
#   bench/store/postgres-cluster.sh stop     # stops it and removes its files
set -euo pipefail
data=${PGBENCH_DATA:-/tmp/gatehouse-bench-postgres}
port=${PGBENCH_PORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "needs PostgreSQL: apt-get install -y postgresql" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else sh -c "$*"; fi; }

case "${1:-}" in
start)
    rm -rf "$data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_owner "$bin/initdb -D $data -A trust -U postgres" >/dev/null
    as_owner "$bin/pg_ctl -D $data -o '-p $port -k /tmp -c listen_addresses=127.0.0.1' -l $data/log -w start" >/dev/null
    for database in bench benche2e; do
        as_owner "$bin/psql -h 127.0.0.1 -p $port -U postgres -q -c \"CREATE DATABASE $database\""
    done
    as_owner "$bin/psql -h 127.0.0.1 -p $port -U postgres -q -c \"CREATE ROLE gatehouse LOGIN PASSWORD 'bench'\""
    for database in bench benche2e; do
        as_owner "$bin/psql -h 127.0.0.1 -p $port -U postgres -q -c \"ALTER DATABASE $database OWNER TO gatehouse\""
    done
    echo "PG_URL=postgres://gatehouse:bench@127.0.0.1:$port/benche2e?sslmode=disable"
    ;;
stop)
    as_owner "$bin/pg_ctl -D $data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$data"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 64
    ;;
esac
