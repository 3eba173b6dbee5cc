#!/usr/bin/env bash
# Schemathesis (property-based contract testing, from PyPI) against `gatehouse serve` on the repository's contracts
# and the OpenAPI example specs in ../shared/testdata: every answer the gateway gives must honour the contract (status,
# media type, headers, body), invalid requests must be refused and valid ones accepted, and the stateful phase follows
# the contracts' links (create, then read, update, delete).
#
# Usage: .ci/schemathesis/run.sh GATEHOUSE_BINARY      (SCHEMATHESIS_ONLY="todo petstore" for some specs only)
# Each spec is served on an ephemeral loopback port with the default SQLite store in a temporary directory, with an
# API key from `gatehouse keys create` (on the most generous plan) and an HS256 bearer token where the contract takes
# them. A spec's false positives are excluded per operation in .ci/schemathesis/NAME.toml, each with its reason.
# The run is bounded (examples per operation, seconds per spec) and seeded, so CI is repeatable. Every check runs
# (Schemathesis enables them all by default; `--checks all` on the command line would override the exclusions).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
gatehouse="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
version=4.32.5
venv="${SCHEMATHESIS_VENV:-$root/.build/schemathesis-venv}"
examples="$root/../shared/testdata/openapi-examples/examples"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
max_time="${SCHEMATHESIS_MAX_TIME:-30}"

if ! "$venv/bin/st" --version 2>/dev/null | grep -q "$version"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# A bearer token the gateway verifies with the secret it is given (HS256), with every scope the example specs name.
printf 'schemathesis-secret-for-ci-only-32-bytes!' > "$work/jwt-secret"
token="$(python3 - "$work/jwt-secret" <<'PY'
import base64, hashlib, hmac, json, sys, time
secret = open(sys.argv[1], 'rb').read()
def part(data): return base64.urlsafe_b64encode(data).rstrip(b'=').decode()
header = part(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
claims = part(json.dumps({"sub": "schemathesis", "exp": int(time.time()) + 3600,
                          "scope": "read:users public board:read board:write"}).encode())
signature = part(hmac.new(secret, f"{header}.{claims}".encode(), hashlib.sha256).digest())
print(f"{header}.{claims}.{signature}")
PY
)"

failures=()
run() {
    local name="$1" spec="$2" plan="${3:-}"
    # SCHEMATHESIS_ONLY="todo petstore" runs those alone.
    if [ -n "${SCHEMATHESIS_ONLY:-}" ] && [[ " $SCHEMATHESIS_ONLY " != *" $name "* ]]; then return; fi
    local store="sqlite:$work/$name.sqlite" log="$work/$name.log"
    local create=(keys create --name schemathesis --store "$store")
    if [ -n "$plan" ]; then create+=(--plan "$plan"); fi
    local key
    key="$("$gatehouse" "${create[@]}" 2>/dev/null)"
    "$gatehouse" serve "$spec" --port 0 --store "$store" --jwt-hs256-secret-file "$work/jwt-secret" >"$log" 2>&1 &
    server=$!
    local base="" waited=0
    while [ -z "$base" ] && [ "$waited" -lt 120 ] && kill -0 "$server" 2>/dev/null; do
        sleep 1
        waited=$((waited + 1))
        base="$(sed -n 's/^Listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n 1)"
    done
    if [ -z "$base" ]; then
        echo "error: gatehouse serve $spec did not start:" >&2
        cat "$log" >&2
        failures+=("$name")
        return
    fi
    local config="$here/$name.toml"
    [ -f "$config" ] || config="$here/default.toml"
    printf '\n== schemathesis %s (%s, %s)\n' "$name" "$base" "$(date -u +%H:%M:%S)"
    if ! "$venv/bin/st" --config-file "$config" run "$spec" --url "$base" \
        --phases examples,coverage,fuzzing,stateful --workers 1 \
        --max-examples "$max_examples" --max-time "$max_time" --seed 1 --no-color \
        -H "X-API-Key: $key" -H "Authorization: Bearer $token"; then
        failures+=("$name")
    fi
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
}

run petstore "$root/specs/petstore.yaml"
run todo "$root/specs/todo.yaml" pro
for spec in "$examples"/v3.0/*.yaml "$examples"/v3.1/*.yaml; do
    name="$(basename "$(dirname "$spec")")-$(basename "$spec" .yaml)"
    case "$name" in
        # Webhooks only: no operation to call.
        v3.1-webhook-example) continue ;;
    esac
    run "$name" "$spec"
done

if [ ${#failures[@]} -gt 0 ]; then
    echo "error: schemathesis found contract violations in: ${failures[*]}" >&2
    exit 1
fi
echo "schemathesis: every contract honoured"
