#!/usr/bin/env bash
# Start a throw-away PostgreSQL server from Debian's packages for the tests, on 127.0.0.1:${PGPORT:-55432}.
# Prints the SQLAlchemy URL to use (export it as TSUNAGU_TEST_DATABASE_URL). Installs the server if missing.
# Usage: eval "$(scripts/test-postgres.sh start)"   |   scripts/test-postgres.sh stop
#        scripts/test-postgres.sh down | up   (stop as in a crash / start again, keeping the data: bench/load_faults.py)
set -euo pipefail
PORT=${PGPORT:-55432}
DIR=${PGTESTDIR:-/tmp/tsunagu-test-pg}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

case "${1:-start}" in
  start)
    if [ -z "$(bindir)" ]; then
      echo "installing postgresql from Debian's packages..." >&2
      apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
    fi
    BIN=$(bindir)
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    if [ -f "$DIR/postmaster.pid" ]; then
      "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" stop -m fast >&2 || true
    fi
    rm -rf "$DIR" && mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 >/dev/null
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
    echo "export TSUNAGU_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
    ;;
  down)
    BIN=$(bindir)
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" stop -m immediate >&2
    ;;
  up)
    BIN=$(bindir)
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
    ;;
  stop)
    BIN=$(bindir)
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    [ -f "$DIR/postmaster.pid" ] && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" stop -m fast >&2
    ;;
esac
