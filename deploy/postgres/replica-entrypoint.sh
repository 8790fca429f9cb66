#!/bin/bash
# The streaming replica: on first start, a base backup of the primary (-R writes primary_conninfo and standby.signal),
# then PostgreSQL as a hot standby that follows the primary through slot replica1.
set -euo pipefail
PGDATA=/var/lib/postgresql/data
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_basebackup --host=primary --username=replicator --pgdata="$PGDATA" \
    --wal-method=stream --slot=replica1 --write-recovery-conf --progress; do
    echo "waiting for the primary…"
    sleep 2
    rm -rf "${PGDATA:?}"/*
  done
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_standby_streaming_delay=300s
