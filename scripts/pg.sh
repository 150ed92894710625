#!/usr/bin/env bash
# Starts or stops an unprivileged throw-away PostgreSQL for tests and CI.
# Usage: scripts/pg.sh start|stop|halt|status   (env: PGPORT, PGBASE, PGBIN)
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
PGBASE=${PGBASE:-/tmp/pg-$PGPORT}
PGDATA="$PGBASE/data"
PGUSER_OS=${PGUSER_OS:-postgres}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi; }
case "${1:-}" in
  start)
    if [ ! -x "$PGBIN/postgres" ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
    fi
    if [ "$(id -u)" = 0 ]; then
      id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home "$PGUSER_OS"
      mkdir -p "$PGBASE" && chown "$PGUSER_OS" "$PGBASE" && chmod 700 "$PGBASE"
    else
      mkdir -p "$PGBASE" && chmod 700 "$PGBASE"
    fi
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
      as_pg "$PGBIN/initdb" -D "$PGDATA" -U app -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGBASE/initdb.log"
    fi
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGBASE/server.log" -w -t 30 \
      -o "-p $PGPORT -k $PGBASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U app app 2>/dev/null || true
    echo "postgresql://app@127.0.0.1:$PGPORT/app" ;;
  stop)
    if [ -d "$PGDATA" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true; fi
    rm -rf "$PGBASE" ;;
  # Stops the server (fast shutdown: sessions are ended, every commit is flushed) but keeps its data for a later start.
  halt) as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null ;;
  status) "$PGBIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" ;;
  *) echo "usage: $0 start|stop|halt|status" >&2; exit 2 ;;
esac
