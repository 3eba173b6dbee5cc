#!/usr/bin/env bash
# Generates the client for every spec in ../shared/testdata/openapi-examples (3.0, 3.1; the 3.2 ones are
# expected to be refused by the front end) and for the GitHub and Stripe specs, and type-checks each generated
# client package with swiftc in the Swift 5 and Swift 6 language modes (GitHub and Stripe in Swift 5 mode, the
# package's default, unless LARGE_MODES says otherwise: each takes minutes). Prints one line per spec:
#
#   PASS|FAIL|REFUSED  spec  (generate exit status, swift5, swift6, warnings)
#
# and exits 1 if any 3.0/3.1 spec, GitHub or Stripe fails. Logs go to bench/out/compile-examples/.
#
#   bench/generate/compile-examples.sh              # examples + github + stripe
#   LARGE=0 bench/generate/compile-examples.sh      # examples only
#   LARGE_SPECS=stripe.json bench/generate/compile-examples.sh   # examples + stripe
#   LARGE_MODES="5 6" bench/generate/compile-examples.sh   # GitHub and Stripe in both modes (default: 5 only)
set -uo pipefail
cd "$(dirname "$0")/../.."
examples=../shared/testdata/openapi-examples/examples
realworld=../shared/testdata/real-world
out=bench/out/compile-examples
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d /tmp/gatehouse-compile-examples.XXXXXX)
trap 'rm -rf "$work"' EXIT
source bench/generate/lock.sh

locked swift build -c release --product gatehouse --scratch-path .build-release >&2 || exit 1
gatehouse=.build-release/release/gatehouse

specs=$(ls "$examples"/v3.0/* "$examples"/v3.1/* "$examples"/v3.2/* | sort)
if [ "${LARGE:-1}" = 1 ]; then
    for large in ${LARGE_SPECS:-github.json stripe.json}; do specs="$specs $realworld/$large"; done
fi

failed=0
for spec in $specs; do
    name=$(echo "$spec" | sed -e "s|$examples/||" -e "s|$realworld/||" -e 's|/|-|g')
    dir=$work/$name
    log=$out/$name
    "$gatehouse" generate "$spec" --out "$dir" --client >"$log.generate.log" 2>&1
    gen=$?
    warnings=$(grep -c "warning:" "$log.generate.log")
    if [ $gen -ne 0 ]; then
        case $spec in
        */v3.2/*) printf 'REFUSED  %-40s (generate exit %d, as expected for 3.2: %s)\n' "$name" $gen \
            "$(grep -m1 'error:' "$log.generate.log" | sed 's/^.*error: //')" ;;
        *) printf 'FAIL     %-40s (generate exit %d, see %s)\n' "$name" $gen "$log.generate.log"; failed=1 ;;
        esac
        continue
    fi
    case $spec in
    */v3.2/*) printf 'FAIL     %-40s (3.2 was expected to be refused)\n' "$name"; failed=1; continue ;;
    esac
    sources=$(find "$dir" -path '*/Sources/*' -name '*.swift' | sort)
    module=$(basename "$(find "$dir" -path '*/Sources/*' -mindepth 1 -maxdepth 3 -type d -name '*Client' | head -1)")
    results=""
    ok=1
    modes="5 6"
    case $spec in "$realworld"/*) modes=${LARGE_MODES:-5} ;; esac
    for mode in $modes; do
        # The client package has no dependencies, so swiftc on its sources is what `swift build` compiles; -wmo
        # type-checks the module in one frontend (without it swiftc starts one per file, each parsing them all).
        if locked swiftc -typecheck -wmo -swift-version $mode -module-name "$module" $sources \
            >"$log.swift$mode.log" 2>&1; then
            results="$results swift$mode ok"
        else
            results="$results swift$mode FAILED ($(grep -c 'error:' "$log.swift$mode.log") errors, see $log.swift$mode.log)"
            ok=0
        fi
    done
    if [ $ok = 1 ]; then status=PASS; else status=FAIL; failed=1; fi
    printf '%-8s %-40s (%d files,%s, %d generator warnings)\n' $status "$name" \
        "$(echo "$sources" | wc -l)" "$results" "$warnings"
done
exit $failed
