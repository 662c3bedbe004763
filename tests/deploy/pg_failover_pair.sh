#!/usr/bin/env bash
# A PostgreSQL primary and its synchronous streaming standby, for the failover test
# (docs/database.md "Failover"). Each is a tests/support/pg_cluster.sh cluster (unix socket in
# its own temp folder, same port number), so that pg_cluster.sh halts and removes either.
#
#   pg_failover_pair.sh start STATE_DIR OWNER_PID
#       starts STATE_DIR/primary (wal_level = replica, every standby synchronous) and makes
#       STATE_DIR/standby from it with pg_basebackup -R; writes STATE_DIR/dsn, the multi-host
#       connection string (primary first, target_session_attrs=read-write, no dbname). Both stop
#       by themselves once process OWNER_PID is gone.
#   pg_failover_pair.sh promote STATE_DIR   the standby becomes a primary (pg_ctl promote)
#   pg_failover_pair.sh stop STATE_DIR      stops and removes both
set -euo pipefail

die() { echo "pg_failover_pair.sh: $*" >&2; exit 1; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cluster_script="$here/../support/pg_cluster.sh"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n1)}"
[[ -x "$PG_BIN/pg_basebackup" ]] || die "no pg_basebackup under /usr/lib/postgresql/*/bin"

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

# synchronous_commit = on with synchronous_standby_names: a COMMIT returns once the standby
# has flushed its WAL, so an acknowledged write survives the promotion (pg_cluster.sh's
# speed settings are overridden by these later lines).
replication_conf="wal_level = replica
max_wal_senders = 5
synchronous_commit = on
synchronous_standby_names = '*'
wal_keep_size = 64MB"

cmd_start() {
    local state="$1" owner="$2"
    mkdir -p "$state/primary" "$state/standby"
    SCIMD_PG_CONF="$replication_conf" bash "$cluster_script" start "$state/primary" "$owner"
    local primary port standby
    primary=$(cat "$state/primary/pgdir")
    port=$(sed -n 's/.* port=\([0-9]*\).*/\1/p' "$state/primary/dsn")
    standby=$(mktemp -d /tmp/scimd-pg.XXXXXX)
    chmod 700 "$standby"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$standby"; fi
    # From here on the half-made standby goes with the primary when something fails.
    printf '%s\n' "$standby" >"$state/standby/pgdir"
    trap 'cmd_stop "$state"' ERR
    as_owner "$PG_BIN/pg_basebackup" -D "$standby/data" -R -X stream -c fast \
        -d "host=$primary port=$port user=postgres" >"$standby/basebackup.log" 2>&1 ||
        { cat "$standby/basebackup.log" >&2; false; }
    # Promoted, it has no standby of its own: it must not wait for one at every COMMIT.
    printf "\nunix_socket_directories = '%s'\nsynchronous_standby_names = ''\n" "$standby" |
        as_owner tee -a "$standby/data/postgresql.conf" >/dev/null
    as_owner "$PG_BIN/pg_ctl" start -D "$standby/data" -l "$standby/server.log" -w -t 60 >/dev/null ||
        { tail -n 50 "$standby/server.log" >&2; false; }
    # The standby streams, synchronously, before the test writes anything.
    local i
    for i in $(seq 1 100); do
        [[ $(as_owner "$PG_BIN/psql" -h "$primary" -p "$port" -U postgres -d postgres -Atc \
            "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") == 1 ]] && break
        [[ $i == 100 ]] && { tail -n 50 "$standby/server.log" >&2; die "the standby never became synchronous"; }
        sleep 0.1
    done
    trap - ERR
    printf 'host=%s port=%s dbname=postgres user=postgres\n' "$standby" "$port" >"$state/standby/dsn"
    printf 'host=%s,%s port=%s,%s user=postgres target_session_attrs=read-write\n' \
        "$primary" "$standby" "$port" "$port" >"$state/dsn"
    # As pg_cluster.sh does for the primary: the standby goes once the owner is gone.
    setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -f "$2/standby/pgdir" ]]; do sleep 2; done
                    [[ -f "$2/standby/pgdir" ]] && bash "$3" stop "$2/standby"' watcher "$owner" "$state" \
        "$cluster_script" </dev/null >/dev/null 2>&1 &
}

cmd_promote() {
    local standby
    standby=$(cat "$1/standby/pgdir")
    as_owner "$PG_BIN/pg_ctl" promote -D "$standby/data" -w -t 60 >/dev/null
}

cmd_stop() {
    bash "$cluster_script" stop "$1/standby" || true
    bash "$cluster_script" stop "$1/primary"
}

usage="usage: pg_failover_pair.sh start STATE_DIR OWNER_PID | promote STATE_DIR | stop STATE_DIR"
case "${1:-}" in
    start) [[ $# -eq 3 && "$3" =~ ^[0-9]+$ ]] || die "$usage"; cmd_start "$2" "$3" ;;
    promote) [[ $# -eq 2 ]] || die "$usage"; cmd_promote "$2" ;;
    stop) [[ $# -eq 2 ]] || die "$usage"; cmd_stop "$2" ;;
    *) die "$usage" ;;
esac
