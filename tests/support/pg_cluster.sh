#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and benchmarks.
#
#   pg_cluster.sh start STATE_DIR   creates and starts a cluster; writes STATE_DIR/dsn (a libpq
#                                   connection string) and STATE_DIR/pgdir (its temp folder)
#   pg_cluster.sh stop STATE_DIR    stops it (immediate mode) and removes its temp folder
#   pg_cluster.sh halt STATE_DIR [fast|immediate]
#                                   stops the server (default: immediate, as a crash would) and
#                                   keeps its data, socket folder and dsn: for outage tests
#   pg_cluster.sh resume STATE_DIR  starts a halted cluster again, same data and same socket
#   pg_cluster.sh start STATE_DIR OWNER_PID
#                                   also stops it by itself once process OWNER_PID is gone
#                                   (a test binary that crashed before its exit handlers ran)
#
# The cluster listens on a unix socket inside its own `mktemp -d` folder and on no TCP port
# at all, so any number of runs can coexist. It trades durability for speed (fsync=off etc.):
# never point it at data you want to keep. PostgreSQL refuses to run as root, so as root the
# server runs as the `postgres` system user (created by Debian's postgresql package).
#
# Environment: PG_BIN (default: newest /usr/lib/postgresql/*/bin), SCIMD_PG_PORT (the number in
# the socket's name, default 5432), SCIMD_PG_CONF (more postgresql.conf lines, e.g. the
# benchmarks' shared_preload_libraries = 'pg_stat_statements').
set -euo pipefail

die() { echo "pg_cluster.sh: $*" >&2; exit 1; }

find_pg_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
    # The newest installed major version (sorted numerically: "9" before "10").
    local best
    best=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n1 || true)
    [[ -n "$best" && -x "$best/initdb" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
    echo "$best"
}

# Runs a command as the user that owns the cluster.
# From / so that the postgres user is never left in a folder it may not enter.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

show_log() {
    local log="$1"
    if [[ -f "$log" ]]; then
        echo "---- PostgreSQL server log ($log) ----" >&2
        tail -n 100 "$log" >&2 || true
        echo "---- end of server log ----" >&2
    fi
}

is_running() {
    local pgdir="$1"
    [[ -d "$pgdir/data" ]] && as_owner "$PG_BIN/pg_ctl" status -D "$pgdir/data" >/dev/null 2>&1
}

cmd_start() {
    local state="$1"
    mkdir -p "$state"
    state=$(cd "$state" && pwd)

    # Idempotent: a cluster this STATE_DIR already started and that still runs is reused.
    if [[ -f "$state/pgdir" && -f "$state/dsn" ]]; then
        local old
        old=$(cat "$state/pgdir")
        if is_running "$old"; then
            echo "pg_cluster.sh: reusing running cluster in $old" >&2
            return 0
        fi
        echo "pg_cluster.sh: previous cluster in $old is not running; replacing it" >&2
        cmd_stop "$state"
    fi

    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root but there is no 'postgres' user to run the server (apt-get install postgresql)"
    fi

    local pgdir
    pgdir=$(mktemp -d /tmp/scimd-pg.XXXXXX)
    chmod 700 "$pgdir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$pgdir"; fi
    local port="${SCIMD_PG_PORT:-5432}"
    local log="$pgdir/server.log"

    # From here on a failure removes the half-made cluster.
    trap 'echo "pg_cluster.sh: start failed" >&2; show_log "$log"; as_owner "$PG_BIN/pg_ctl" stop -D "$pgdir/data" -m immediate >/dev/null 2>&1 || true; rm -rf "$pgdir"' ERR

    if ! as_owner "$PG_BIN/initdb" -D "$pgdir/data" --auth=trust -U postgres --no-sync -E UTF8 \
            --locale=C >"$pgdir/initdb.log" 2>&1; then
        echo "pg_cluster.sh: initdb failed:" >&2
        cat "$pgdir/initdb.log" >&2
        false
    fi

    as_owner tee -a "$pgdir/data/postgresql.conf" >/dev/null <<EOF

# scimd throwaway test cluster: speed over durability, unix socket only.
listen_addresses = ''
unix_socket_directories = '$pgdir'
port = $port
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
shared_buffers = 128MB
log_min_messages = warning
log_min_error_statement = error
${SCIMD_PG_CONF:-}
EOF

    if ! as_owner "$PG_BIN/pg_ctl" start -D "$pgdir/data" -l "$log" -w -t 60 >/dev/null; then
        echo "pg_cluster.sh: pg_ctl start failed" >&2
        false
    fi
    trap - ERR

    printf '%s\n' "$pgdir" >"$state/pgdir"
    printf 'host=%s port=%s dbname=postgres user=postgres\n' "$pgdir" "$port" >"$state/dsn"
    echo "pg_cluster.sh: started PostgreSQL in $pgdir ($(cat "$state/dsn"))" >&2

    if [[ -n "$owner" ]]; then
        # Detached, and holding none of the caller's descriptors (ctest waits on those).
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && [[ -f "$2/pgdir" ]]; do sleep 2; done
                        [[ -f "$2/pgdir" ]] && bash "$3" stop "$2"' watcher "$owner" "$state" "${BASH_SOURCE[0]}" \
            </dev/null >/dev/null 2>&1 &
    fi
}

cmd_stop() {
    local state="$1"
    if [[ ! -f "$state/pgdir" ]]; then
        echo "pg_cluster.sh: nothing to stop in $state" >&2
        rm -f "$state/dsn"
        return 0
    fi
    local pgdir
    pgdir=$(cat "$state/pgdir")
    # Refuse to remove anything that is not one of our temp folders.
    [[ "$pgdir" == /tmp/scimd-pg.* ]] || die "$state/pgdir names '$pgdir', not a scimd-pg temp folder; not touching it"
    if [[ -d "$pgdir/data" ]]; then
        if ! as_owner "$PG_BIN/pg_ctl" stop -D "$pgdir/data" -m immediate -w -t 60 >/dev/null 2>&1; then
            if is_running "$pgdir"; then
                show_log "$pgdir/server.log"
                die "could not stop the cluster in $pgdir"
            fi
        fi
    fi
    # The files go in the background: a cluster the whole suite used holds thousands of them
    # (one set per test database), and on a busy disk removing them took over a minute — the
    # server is already stopped, so nothing waits for them. Renamed first, so that a later
    # start never sees a half-removed folder.
    mv "$pgdir" "$pgdir.removing"
    setsid rm -rf "$pgdir.removing" </dev/null >/dev/null 2>&1 &
    rm -f "$state/pgdir" "$state/dsn"
    echo "pg_cluster.sh: stopped $pgdir; its files are being removed" >&2
}

# The cluster folder STATE_DIR names, refusing anything that is not one of ours.
cluster_of() {
    local state="$1"
    [[ -f "$state/pgdir" ]] || die "no cluster in $state"
    local pgdir
    pgdir=$(cat "$state/pgdir")
    [[ "$pgdir" == /tmp/scimd-pg.* && -d "$pgdir/data" ]] || die "$state/pgdir names '$pgdir', not a scimd-pg cluster"
    echo "$pgdir"
}

cmd_halt() {
    local pgdir
    pgdir=$(cluster_of "$1")
    as_owner "$PG_BIN/pg_ctl" stop -D "$pgdir/data" -m "$2" -w -t 60 >/dev/null
}

cmd_resume() {
    local pgdir
    pgdir=$(cluster_of "$1")
    if ! as_owner "$PG_BIN/pg_ctl" start -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 >/dev/null; then
        show_log "$pgdir/server.log"
        die "could not start the cluster in $pgdir again"
    fi
}

usage="usage: pg_cluster.sh start STATE_DIR [OWNER_PID] | stop STATE_DIR | halt STATE_DIR [fast|immediate] | resume STATE_DIR"
[[ $# -eq 2 || ( $# -eq 3 && "$1" == start && "$3" =~ ^[0-9]+$ ) || ( $# -eq 3 && "$1" == halt && "$3" =~ ^(fast|immediate)$ ) ]] || die "$usage"
owner=""
[[ "$1" == start ]] && owner="${3:-}"
PG_BIN=$(find_pg_bin)
case "$1" in
    start) cmd_start "$2" ;;
    stop) cmd_stop "$2" ;;
    halt) cmd_halt "$2" "${3:-immediate}" ;;
    resume) cmd_resume "$2" ;;
    *) die "$usage" ;;
esac
