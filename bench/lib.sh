# shellcheck shell=bash
# shellcheck disable=SC2034  # variables set here are the callers' to use
# Shared by the benchmarks in bench/: source it, do not run it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"    (also cds to the repository root)
#   bench_init NAME DEFAULT_N [N]   reads the knobs: n, threads, connections, duration, repeats
#   bench_build                     sets scimd: the Release build in build-run/, or $SCIMD_BINARY
#   bench_start                     starts a throwaway PostgreSQL cluster, `scimd serve` on a free
#                                   loopback port and `scimd bootstrap`; sets work, pg_bin, dsn,
#                                   base_url, base_path, token, directory_id, users_url. An EXIT
#                                   trap stops all of it and removes $work.
#   bench_psql ARGS...              psql on the benchmark's database (stops on the first error)
#   bench_wrk LABEL DURATION ARGS...
#                                   one wrk run of bench/requests.lua (or of $wrk_script when
#                                   the caller sets it) over HTTPS keep-alive against scimd
#                                   (ARGS are the script's, see requests.lua); prints its
#                                   RESULT line(s) and writes one request it generated to
#                                   $work/sample
#   bench_median FILE FIELD         median of FIELD=value over the RESULT lines in FILE
#   bench_scimd_warnings            prints scimd's last WARN/ERROR log lines, if any
#
# Knobs (environment): N, THREADS (wrk -t, 2), CONNECTIONS (wrk -c, 16), DURATION (wrk -d, 10s),
# REPEATS (3), WRK_TIMEOUT (wrk --timeout, 5s: slower answers count as socket errors),
# SCIMD_BINARY, SCIMD_ARGS (extra `scimd serve` options), JOBS (build parallelism, 2).
# The caller sets `set -euo pipefail` before sourcing.

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
root=$(pwd -P)

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }

bench_init() {  # name default_n [n]
    bench_name="$1"
    n="${3:-${N:-$2}}"
    threads="${THREADS:-2}"
    connections="${CONNECTIONS:-16}"
    duration="${DURATION:-10s}"
    repeats="${REPEATS:-3}"
    wrk_timeout="${WRK_TIMEOUT:-5s}"
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/$bench_name.sh [N]  (N a positive number of users)" >&2; exit 2; }
    [[ "$repeats" =~ ^[1-9][0-9]*$ ]] || die "REPEATS must be a positive number"
    local tool
    for tool in wrk curl; do
        command -v "$tool" >/dev/null || die "$tool is missing (bash scripts/install-deps.sh)"
    done
}

# ---- scimd binary ------------------------------------------------------------------------
bench_build() {
    if [[ -n "${SCIMD_BINARY:-}" ]]; then
        scimd="$SCIMD_BINARY"
    else
        # Benchmarks measure the Release build (build-run/, the one scripts/run.sh uses).
        say "building scimd (Release, build-run/)"
        local generator=()
        [[ -f build-run/CMakeCache.txt ]] || generator=(-G Ninja)
        local configure_log
        configure_log=$(mktemp /tmp/scimd-bench-configure.XXXXXX)
        cmake -S . -B build-run "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DSCIMD_TESTS=OFF >"$configure_log" 2>&1 ||
            { cat "$configure_log" >&2; rm -f "$configure_log"; die "configuring build-run/ failed"; }
        rm -f "$configure_log"
        cmake --build build-run -j "${JOBS:-2}" --target scimd >&2
        scimd="$root/build-run/scimd"
    fi
    [[ -x "$scimd" ]] || die "no scimd binary at $scimd"
}

# ---- everything bench_start starts is stopped here ---------------------------------------------
work=""
pg_state=""
scimd_pid=""
bench_cleanup() {
    local rc=$?
    if [[ -n "$scimd_pid" ]] && kill -0 "$scimd_pid" 2>/dev/null; then
        kill -TERM "$scimd_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$scimd_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$scimd_pid" 2>/dev/null || true
        wait "$scimd_pid" 2>/dev/null || true
    fi
    if [[ -n "$pg_state" && -f "$pg_state/pgdir" ]]; then
        bash tests/support/pg_cluster.sh stop "$pg_state" 2>/dev/null || true
    fi
    # bench_no_log_tail: the caller already showed what went wrong (a run that measured errors).
    if [[ $rc -ne 0 && -z "${bench_no_log_tail:-}" && -n "$work" && -s "$work/scimd.stderr" ]]; then
        echo "---- last lines of scimd's stderr ----" >&2
        tail -n 30 "$work/scimd.stderr" >&2
    fi
    if [[ -n "$work" ]]; then rm -rf "$work"; fi
}

bench_start() {
    work=$(mktemp -d /tmp/scimd-bench.XXXXXX)
    pg_state="$work/pg"
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM

    # ---- PostgreSQL + scimd ---------------------------------------------------------------
    bash tests/support/pg_cluster.sh start "$pg_state" 2>"$work/pg.log" || { cat "$work/pg.log" >&2; die "PostgreSQL did not start"; }
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -t/ -k5,5n | tail -n1)
    "$pg_bin/psql" "$(cat "$pg_state/dsn")" -qc "CREATE DATABASE scimd_bench" >/dev/null
    dsn="$(sed 's/dbname=postgres/dbname=scimd_bench/' "$pg_state/dsn")"

    local extra_args=()
    read -r -a extra_args <<<"${SCIMD_ARGS:-}"
    # Every load comes from the one loopback address, as through a proxy: the limit per address
    # is lifted to the whole (docs/command-line.md "Connections"); SCIMD_ARGS may still set it.
    # The benches measure the server, not the directories' rate limit (docs/rate-limits.md): the
    # default limit is off here; SCIMD_ARGS may set one. SCIMD_BINARY and SCIMD_ARGS are the
    # bench's own settings, not the server's: scimd would log them as unknown SCIMD_ variables.
    env -u SCIMD_BINARY -u SCIMD_ARGS -u SCIMD_PG_CONF \
        "$scimd" serve --db "$dsn" --listen 127.0.0.1:0 --max-connections-per-address 1024 \
        --rate-limit-default-rps 0 "${extra_args[@]}" \
        >"$work/scimd.stdout" 2>"$work/scimd.stderr" &
    scimd_pid=$!
    base_url=""
    for _ in $(seq 1 300); do
        base_url=$(sed -n 's/^scimd listening on \(.*\)$/\1/p' "$work/scimd.stdout" | head -n1)
        [[ -n "$base_url" ]] && break
        kill -0 "$scimd_pid" 2>/dev/null || die "scimd exited before listening"
        sleep 0.1
    done
    [[ -n "$base_url" ]] || die "scimd printed no 'scimd listening on' line within 30 s"
    base_url="${base_url%/}"
    say "scimd $base_url (pid $scimd_pid)"

    "$scimd" bootstrap --db "$dsn" --org bench --directory bench >"$work/bootstrap.json"
    base_path=$(bench_bootstrap_field base_path)
    token=$(bench_bootstrap_field token)
    directory_id=$(bench_bootstrap_field directory_id)
    [[ -n "$base_path" && -n "$token" && -n "$directory_id" ]] || die "unexpected bootstrap output: $(cat "$work/bootstrap.json")"
    users_url="$base_url$base_path/Users"
}

bench_bootstrap_field() {
    sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "$work/bootstrap.json" | head -n1
}

bench_psql() {
    "$pg_bin/psql" "$dsn" -X -q -v ON_ERROR_STOP=1 "$@"
}

# ---- wrk ------------------------------------------------------------------------------------
# requests.lua's done() prints one machine-readable line (RESULT rps=… p50_ms=… p99_ms=…
# requests=… non2xx=… socket_errors=…) and one request path it generated (SAMPLE /…).
# Another script ($wrk_script, e.g. groups.lua) may print several RESULT lines, one per kind of
# request, each with at least those fields.
bench_wrk() {  # label duration [script args...]
    local label="$1" d="$2"; shift 2
    local out lines
    out=$(wrk -t"$threads" -c"$connections" -d"$d" --timeout "$wrk_timeout" --latency -s "${wrk_script:-$root/bench/requests.lua}" "$base_url/" -- "$@" 2>&1) ||
        { echo "$out" >&2; die "wrk failed ($label)"; }
    lines=$(grep '^RESULT ' <<<"$out") || { echo "$out" >&2; die "wrk printed no result ($label)"; }
    sed -n 's/^SAMPLE //p' <<<"$out" | head -n1 >"$work/sample"
    if grep -Evq ' non2xx=0 .*socket_errors=0( |$)' <<<"$lines"; then
        say "WARNING: $label had failed requests: $(grep -Ev ' non2xx=0 .*socket_errors=0( |$)' <<<"$lines" | tr '\n' ' ')"
    fi
    echo "$lines"
}

# scimd's last warnings and errors, if any, for the report of a failed run (its access lines
# only repeat the statuses).
bench_scimd_warnings() {
    if grep -qE '^[^ ]+ (WARN|ERROR) ' "$work/scimd.stderr"; then
        echo "!!!"
        echo "!!! scimd's last warnings and errors:"
        grep -E '^[^ ]+ (WARN|ERROR) ' "$work/scimd.stderr" | tail -n 5 | sed 's/^/!!!   /'
    fi
}

bench_median() {  # file field
    sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
