#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite.
#   eval "$(scripts/postgres.sh start)"   # prints: export RASD_TEST_PG_URL=postgresql://...
#   scripts/postgres.sh stop
# Installs Debian's postgresql when no server binaries are found, creates a data directory
# under /tmp, and runs the server on 127.0.0.1 on a free port as a non-root user.
set -euo pipefail
STATE=${RASD_PG_STATE:-/tmp/rasd-pg}
RUN_AS=${RASD_PG_USER:-postgres}

bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

as_user() {
    if [ "$(id -u)" = 0 ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

start() {
    local bin
    bin=$(bindir || true)
    if [ -z "$bin" ]; then
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bin=$(bindir)
    fi
    if [ "$(id -u)" = 0 ] && ! id "$RUN_AS" >/dev/null 2>&1; then
        useradd --system --no-create-home "$RUN_AS" >&2
    fi
    if [ -f "$STATE/port" ] && as_user "$bin/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
        echo "export RASD_TEST_PG_URL=postgresql://$RUN_AS@127.0.0.1:$(cat "$STATE/port")/rasd_test"
        return
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    echo "$port" > "$STATE/port"
    [ "$(id -u)" = 0 ] && chown -R "$RUN_AS" "$STATE"
    as_user "$bin/initdb" -D "$STATE/data" -U "$RUN_AS" -A trust -E UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
        || { cat "$STATE/initdb.log" >&2; exit 1; }
    as_user "$bin/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $STATE -c fsync=off -c full_page_writes=off" start >&2 \
        || { cat "$STATE/server.log" >&2; exit 1; }
    as_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$RUN_AS" rasd_test >&2
    echo "export RASD_TEST_PG_URL=postgresql://$RUN_AS@127.0.0.1:$port/rasd_test"
}

stop() {
    local bin
    bin=$(bindir || true)
    if [ -n "$bin" ] && [ -d "$STATE/data" ]; then
        as_user "$bin/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
