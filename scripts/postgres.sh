# Sourced by scripts/test.sh: provides a throwaway PostgreSQL for the relay tests.
#
# If PEERHAVEN_TEST_DATABASE_URL is already set, it is used as it is. Otherwise
# this installs Debian's server package when it is missing (root only), starts a
# private cluster in a temporary directory on a loopback port, exports the URL,
# and registers a trap that stops and removes the cluster when the tests end.

pg_bin_dir() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

ensure_postgres() {
    if [ -n "${PEERHAVEN_TEST_DATABASE_URL:-}" ]; then
        return 0
    fi
    local bin
    bin=$(pg_bin_dir)
    if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing PostgreSQL (Debian package) for the relay tests…"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            postgresql >/dev/null) || echo "Could not install PostgreSQL."
        bin=$(pg_bin_dir)
    fi
    if [ -z "$bin" ]; then
        echo "No PostgreSQL available: the PostgreSQL relay tests will be skipped."
        return 1
    fi
    PG_TMP=$(mktemp -d /tmp/peerhaven-pg.XXXXXX)
    local port=${PEERHAVEN_TEST_PG_PORT:-54329}
    local run=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres "$PG_TMP"
        run=(runuser -u postgres --)
    fi
    "${run[@]}" "$bin/initdb" -D "$PG_TMP/data" -U peerhaven --auth=trust -E UTF8 >/dev/null
    "${run[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -k $PG_TMP -c fsync=off -c max_connections=200" \
        start >/dev/null
    "${run[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U peerhaven peerhaven_test
    export PEERHAVEN_TEST_DATABASE_URL="postgresql://peerhaven@127.0.0.1:$port/peerhaven_test"
    PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -m fast stop)
    trap 'stop_postgres' EXIT
    echo "PostgreSQL started for the tests on 127.0.0.1:$port."
}

stop_postgres() {
    if [ -n "${PG_TMP:-}" ]; then
        "${PG_STOP[@]}" >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
    fi
}
