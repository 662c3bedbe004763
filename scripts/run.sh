#!/usr/bin/env bash
# README command 1: builds scimd (Release, in build-run/) and runs it in the foreground on
# https://localhost:8443 with a demo organization and directory, printing the admin console's
# URL, the SCIM base URL, a bearer token, the admin API's base URL, an admin token and a curl line
# to try for each.
#
#   scripts/run.sh [extra `scimd serve` options, e.g. --tls-cert FILE --tls-key FILE]
#
# Database: $SCIMD_DB (a libpq connection string) when set; otherwise a private PostgreSQL
# cluster kept in .scimd/pg/ under this checkout (or /var/tmp/scimd-<hash> when the postgres
# user cannot reach the checkout), reachable only through a unix socket in that folder. It
# is created on the first run, kept across runs, and stopped when scimd stops.
# The demo tenant's token is minted once and kept in .scimd/bootstrap*.json (mode 600), so
# later runs print the same one.
#
# Environment: SCIMD_DB, SCIMD_HOST (listen address, default 127.0.0.1), SCIMD_PORT (8443),
# JOBS (build parallelism, default 2), SCIMD_SKIP_DEPS=1 (do not check Debian packages).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
checkout=$(pwd -P)
host="${SCIMD_HOST:-127.0.0.1}"
port="${SCIMD_PORT:-8443}"
state="$checkout/.scimd"

say() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

if [[ "${SCIMD_SKIP_DEPS:-0}" != 1 ]]; then
    bash scripts/install-deps.sh
fi

mkdir -p "$state"
chmod 755 "$state"

say "building scimd (Release, build-run/)"
generator=()
[[ -f build-run/CMakeCache.txt ]] || generator=(-G Ninja)
cmake -S . -B build-run "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DSCIMD_TESTS=OFF >"$state/configure.log" 2>&1 ||
    { cat "$state/configure.log" >&2; die "configuring build-run/ failed"; }
cmake --build build-run -j "${JOBS:-2}" --target scimd
scimd="$checkout/build-run/scimd"
[[ -x "$scimd" ]] || die "the build did not produce $scimd"

# ---- the private PostgreSQL cluster -------------------------------------------------------
pg_bin=""
pgroot=""
started_cluster=0

# From / so that the postgres user is never left in a folder it may not enter.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

stop_cluster() {
    if [[ $started_cluster -eq 1 ]]; then
        say "stopping the private PostgreSQL cluster in $pgroot"
        as_owner "$pg_bin/pg_ctl" stop -D "$pgroot/data" -m fast -w -t 60 >/dev/null 2>&1 ||
            say "could not stop PostgreSQL cleanly (see $pgroot/server.log)"
        started_cluster=0
    fi
}

start_private_cluster() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5n | tail -n1 || true)
    [[ -n "$pg_bin" && -x "$pg_bin/initdb" ]] || die "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
    if [[ $(id -u) -eq 0 ]]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user to run PostgreSQL"
    fi

    # Where the cluster lives: .scimd/pg, unless the server's user cannot get there or the
    # socket path would be longer than a unix socket address allows (107 bytes).
    pgroot="$state/pg"
    local reason=""
    if [[ $(id -u) -eq 0 ]] && ! runuser -u postgres -- test -x "$state"; then
        reason="the postgres user cannot traverse $checkout"
    elif (( ${#pgroot} + 16 > 107 )); then
        reason="$pgroot is too long for a unix socket path"
    fi
    if [[ -n "$reason" ]]; then
        local hash
        hash=$(printf '%s' "$checkout" | sha256sum | cut -c1-12)
        pgroot="/var/tmp/scimd-$hash"
        say "$reason; keeping the database in $pgroot instead"
        printf '%s\n' "$pgroot" >"$state/pg-location"
    fi
    mkdir -p "$pgroot"
    chmod 700 "$pgroot"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$pgroot"; fi

    if [[ ! -f "$pgroot/data/PG_VERSION" ]]; then
        say "creating a private PostgreSQL cluster in $pgroot"
        # A new cluster has no demo tenant: forget tokens minted for an earlier one.
        rm -f "$state/bootstrap.json" "$state/bootstrap-admin.json"
        as_owner "$pg_bin/initdb" -D "$pgroot/data" --auth=trust -U postgres -E UTF8 --locale=C \
            >"$state/initdb.log" 2>&1 || { cat "$state/initdb.log" >&2; die "initdb failed"; }
        as_owner tee -a "$pgroot/data/postgresql.conf" >/dev/null <<EOF

# scimd's local cluster (scripts/run.sh): unix socket only, no TCP port.
listen_addresses = ''
unix_socket_directories = '$pgroot'
port = 5432
max_connections = 100
EOF
    fi

    if as_owner "$pg_bin/pg_ctl" status -D "$pgroot/data" >/dev/null 2>&1; then
        say "PostgreSQL in $pgroot is already running; leaving it running afterwards"
    else
        say "starting PostgreSQL in $pgroot"
        # In a session of its own, so a Ctrl-C meant for scimd does not also stop PostgreSQL mid-drain.
        if ! as_owner setsid -w "$pg_bin/pg_ctl" start -D "$pgroot/data" -l "$pgroot/server.log" -w -t 60 >/dev/null; then
            tail -n 40 "$pgroot/server.log" >&2 || true
            die "PostgreSQL did not start (log: $pgroot/server.log)"
        fi
        started_cluster=1
    fi

    local maintenance="host=$pgroot port=5432 dbname=postgres user=postgres"
    if [[ "$("$pg_bin/psql" "$maintenance" -Atqc "SELECT 1 FROM pg_database WHERE datname = 'scimd'")" != 1 ]]; then
        "$pg_bin/psql" "$maintenance" -qc "CREATE DATABASE scimd" >/dev/null
    fi
    dsn="host=$pgroot port=5432 dbname=scimd user=postgres"
}

scimd_pid=""
cleanup() {
    if [[ -n "$scimd_pid" ]] && kill -0 "$scimd_pid" 2>/dev/null; then
        kill -TERM "$scimd_pid" 2>/dev/null || true
        wait "$scimd_pid" 2>/dev/null || true
    fi
    scimd_pid=""
    stop_cluster
}
trap cleanup EXIT
trap 'say "stopping scimd"; cleanup; exit 130' INT
trap 'say "stopping scimd"; cleanup; exit 143' TERM

if [[ -n "${SCIMD_DB:-}" ]]; then
    dsn="$SCIMD_DB"
    bootstrap_file="$state/bootstrap-$(printf '%s' "$dsn" | sha256sum | cut -c1-12).json"
    say "using the database in SCIMD_DB"
else
    start_private_cluster
    bootstrap_file="$state/bootstrap.json"
fi

# ---- the demo tenant ------------------------------------------------------------------------
if [[ ! -s "$bootstrap_file" ]]; then
    say "creating the demo organization and directory"
    umask_before=$(umask)
    umask 077
    "$scimd" bootstrap --db "$dsn" --org demo --directory demo >"$bootstrap_file.tmp"
    umask "$umask_before"
    mv "$bootstrap_file.tmp" "$bootstrap_file"
fi
chmod 600 "$bootstrap_file"
# An admin token of the demo organization, for the admin API (docs/admin-api.md).
admin_file="${bootstrap_file%.json}-admin.json"
if [[ ! -s "$admin_file" ]]; then
    umask_before=$(umask)
    umask 077
    "$scimd" admin-token --db "$dsn" --org demo >"$admin_file.tmp"
    umask "$umask_before"
    mv "$admin_file.tmp" "$admin_file"
fi
chmod 600 "$admin_file"

# json_field NAME [FILE]: a string field of a one-line JSON object (the bootstrap file by default).
json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "${2:-$bootstrap_file}" | head -n1; }
base_path=$(json_field base_path)
token=$(json_field token)
organization_id=$(json_field organization_id)
admin_token=$(json_field token "$admin_file")
[[ -n "$base_path" && -n "$token" ]] || die "$bootstrap_file does not hold a base_path and token; delete it to mint new ones"

case "$host" in
    127.0.0.1 | 0.0.0.0 | localhost | "::" | "::1" | "[::]" | "[::1]") url_host=localhost ;;
    *:*) url_host="[$host]" ;;
    *) url_host="$host" ;;
esac
listen_host="$host"
[[ "$host" == *:* && "$host" != \[* ]] && listen_host="[$host]"
scheme=https
public_url_given=0
for a in "$@"; do
    [[ "$a" == --plain-http ]] && scheme=http
    [[ "$a" == --public-url ]] && public_url_given=1
done
# Links in verification emails come only from --public-url (docs/command-line.md): the URL
# printed below is the one to use on this machine.
public_url=()
[[ $public_url_given -eq 0 ]] && public_url=(--public-url "$scheme://$url_host:$port")
base_url="$scheme://$url_host:$port$base_path"
curl_k=""
[[ $scheme == https ]] && curl_k="-k "
stops="scimd"
[[ $started_cluster -eq 1 ]] && stops="scimd and its PostgreSQL"

cat <<EOF

Console:       $scheme://$url_host:$port/console/  (sign in with the admin token below)

SCIM base URL: $base_url
Bearer token:  $token
Try:           curl ${curl_k}-H "Authorization: Bearer $token" $base_url/Users

Admin API:     $scheme://$url_host:$port/admin/organizations/$organization_id
Admin token:   $admin_token
Try:           curl ${curl_k}-H "Authorization: Bearer $admin_token" $scheme://$url_host:$port/admin/organizations/$organization_id/managed-accounts/summary

(the tokens are kept in ${bootstrap_file#"$checkout"/} and ${admin_file#"$checkout"/}; Ctrl-C stops $stops)

EOF

"$scimd" serve --db "$dsn" --listen "$listen_host:$port" "${public_url[@]}" "$@" &
scimd_pid=$!
set +e
wait "$scimd_pid"
rc=$?
set -e
scimd_pid=""
[[ $rc -eq 0 ]] || say "scimd exited with status $rc"
exit $rc
