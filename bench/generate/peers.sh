# Sourced by the bench/generate scripts: sets up the two peers outside the repository (none of their code is
# committed) and exports the paths to their command-line tools.
#
#   PEER_DIR    where swift-openapi-generator is cloned and built (default /tmp/gatehouse-bench-peers)
#
source "$(dirname "${BASH_SOURCE[0]}")/lock.sh"

peer_dir=${PEER_DIR:-/tmp/gatehouse-bench-peers}
sog_version=1.14.3
oag_version=7.26.0
mkdir -p "$peer_dir"

# swift-openapi-generator's CLI, release, in its own clone and scratch path.
sog_src="$peer_dir/swift-openapi-generator-$sog_version"
if [ ! -d "$sog_src" ]; then
    git clone -q https://github.com/apple/swift-openapi-generator "$sog_src" 2>/dev/null ||
        git clone -q /opt/swift-packages/apple/swift-openapi-generator.git "$sog_src"
    git -C "$sog_src" checkout -q "$sog_version"
fi
sog_bin="$sog_src/.build-release/release/swift-openapi-generator"
if [ ! -x "$sog_bin" ]; then
    (cd "$sog_src" && locked swift build -c release --product swift-openapi-generator \
        --scratch-path .build-release) >&2
fi
export SOG_BIN="$sog_bin"

# Its configuration: types + client, public, as a user's package would ask for.
sog_config="$peer_dir/openapi-generator-config.yaml"
printf 'generate:\n  - types\n  - client\naccessModifier: public\n' >"$sog_config"
export SOG_CONFIG="$sog_config"

# openapi-generator-cli (PyPI wrapper around the Java generator).
if ! openapi-generator-cli version 2>/dev/null | grep -q "^$oag_version"; then
    pip install -q "openapi-generator-cli==$oag_version" >&2
fi
command -v java >/dev/null || { echo "openapi-generator-cli needs java (apt-get install -y default-jre)" >&2; exit 1; }
export OAG_BIN=$(command -v openapi-generator-cli)
