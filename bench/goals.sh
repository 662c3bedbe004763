#!/usr/bin/env bash
# Benchmark: scimd's performance goals in one table — scimd against its own /healthz, against
# SCIMMY (an in-memory Node.js SCIM server from npm, the peer) and against pgbench -S on the same
# PostgreSQL — with ratios, medians of REPEATS rounds, and the machine's load during each line.
#
#   bench/goals.sh                      every section
#   SECTIONS="read create" bench/goals.sh
#
# Sections (SECTIONS, in this order):
#   read     GET /Users/{id} over HTTPS: scimd, scimd's /healthz, SCIMMY (plain HTTP: it is spared
#            TLS), pgbench -S -M prepared; CPU per request of scimd and of PostgreSQL
#   create   POST /Users with 32 connections: scimd, SCIMMY; CPU per create
#   groups   PATCH of one group (add a member, then remove it) with 16 connections and with 1
#   memory   scimd's RSS after the load above, and per idle TLS connection (IDLE connections
#            opened from 127.0.0.2)
#   queries  bench/query.sh at each of QUERY_SIZES (10000 100000 1000000): every line against
#            GET-by-id of the same run
#   paging   at each of PAGING_SIZES (100000 1000000) users: the first page, a page near the end by
#            index and by cursor, and a whole pass with count=1000 by index and by cursor
#   admin    ADMIN_ACCOUNTS (300000) managed accounts (bench/admin_seed.sql): the admin API's
#            managed-accounts list sorted by each offered column, its first and its last page (and
#            one middle page), in server CPU (scimd + PostgreSQL) per page; then the
#            managed-accounts export in rows/s
#
# Needs wrk, curl, node and npm (the peer is installed once into SCIMD_PEER_DIR, default
# ~/.cache/scimd-bench-peer: scimmy 1.3.5, scimmy-routers 1.3.2, express 5) and python3.
# Environment: N (users seeded for read/create/groups, 10000), REPEATS (3), DURATION (10s),
# SECTIONS, QUERY_SIZES, PAGING_SIZES, ADMIN_ACCOUNTS, IDLE (1000), SCIMD_BINARY, SCIMD_ARGS, JOBS.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init goals 10000 "${1:-}"
sections="${SECTIONS:-read create groups memory queries paging admin}"
admin_accounts="${ADMIN_ACCOUNTS:-300000}"
query_sizes="${QUERY_SIZES:-10000 100000 1000000}"
paging_sizes="${PAGING_SIZES:-100000 1000000}"
idle="${IDLE:-1000}"
peer_dir="${SCIMD_PEER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/scimd-bench-peer}"
has() { [[ " $sections " == *" $1 "* ]]; }
# The memory section holds IDLE connections from 127.0.0.2: room for all of them, from one address.
if has memory && ((idle + 64 > 1024)); then
    SCIMD_ARGS="${SCIMD_ARGS:-} --max-connections $((idle + 64)) --max-connections-per-address $((idle + 64))"
fi
for tool in node npm python3; do command -v "$tool" >/dev/null || die "$tool is missing"; done
bench_build
bench_start

peer_pid=""
goals_cleanup() {
    local rc=$?
    if [[ -n "$peer_pid" ]]; then kill "$peer_pid" 2>/dev/null || true; fi
    (exit "$rc")
    bench_cleanup
}
trap goals_cleanup EXIT

# ---- measuring ---------------------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
pg_data="$(cat "$pg_state/pgdir")/data"
pg_socket_dir="$(cat "$pg_state/pgdir")"
# CPU seconds (utime + stime) of the processes given, and of PostgreSQL's whole cluster.
cpu_of() {
    local total=0 p f
    for p in "$@"; do
        [[ -r "/proc/$p/stat" ]] || continue
        read -r -a f < <(sed 's/^.*) //' "/proc/$p/stat")
        total=$((total + f[11] + f[12]))
    done
    echo "$total"
}
pg_pids() {
    local postmaster
    postmaster=$(head -n1 "$pg_data/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster" || true)
}
load_now() { cut -d' ' -f1 /proc/loadavg; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# run_wrk NAME URL SCRIPT THREADS CONNECTIONS -- SCRIPT_ARGS...: one wrk run; appends to
# $work/NAME.results its RESULT line extended with the CPU milliseconds per request of scimd
# and of PostgreSQL, and the load average at its end.
run_wrk() {
    local name="$1" url="$2" script="$3" t="$4" c="$5"
    shift 6
    local scimd0 pg0 out line requests scimd1 pg1
    scimd0=$(cpu_of "$scimd_pid")
    pg0=$(cpu_of $(pg_pids))
    out=$(wrk -t"$t" -c"$c" -d"$duration" --timeout "$wrk_timeout" --latency -s "$script" "$url" -- "$@" 2>&1) ||
        { echo "$out" >&2; die "wrk failed ($name)"; }
    scimd1=$(cpu_of "$scimd_pid")
    pg1=$(cpu_of $(pg_pids))
    line=$(grep -m1 '^RESULT ' <<<"$out") || { echo "$out" >&2; die "wrk printed no result ($name)"; }
    requests=$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$line")
    awk -v line="$line" -v s=$((scimd1 - scimd0)) -v p=$((pg1 - pg0)) -v r="$requests" -v hz="$ticks" -v load="$(load_now)" \
        'BEGIN { r = r > 0 ? r : 1; printf "%s scimd_cpu_ms=%.4f pg_cpu_ms=%.4f load=%s\n", line, 1000 * s / hz / r, 1000 * p / hz / r, load }' \
        | tee -a "$work/$name.results" >&2
    if grep -Evq ' non2xx=0 .*socket_errors=0( |$)' <<<"$line"; then say "WARNING: $name had failed requests: $line"; fi
}
median() { bench_median "$work/$1.results" "$2"; }

# The table: one row per goal line.
: >"$work/table"
row() {  # line value reference ratio goal load
    printf '%-58s %14s %-30s %8s %-14s %s\n' "$@" >>"$work/table"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'; }

# ---- the peer ------------------------------------------------------------------------------------
peer_url=""
peer_base=""
peer_start() {
    if [[ ! -d "$peer_dir/node_modules/scimmy-routers" ]]; then
        say "installing the peer (scimmy 1.3.5, scimmy-routers 1.3.2, express 5) into $peer_dir"
        mkdir -p "$peer_dir"
        (cd "$peer_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund scimmy@1.3.5 scimmy-routers@1.3.2 express@5 >&2)
    fi
    cp "$root/conformance/tried-against/scimmy-server.mjs" "$peer_dir/"
    local port
    port=$(free_port)
    (cd "$peer_dir" && PORT="$port" SCIM_TOKEN=peer-token exec node scimmy-server.mjs) >"$work/peer.log" 2>&1 &
    peer_pid=$!
    peer_base="http://127.0.0.1:$port/"
    peer_url="${peer_base}scim/v2"
    for _ in $(seq 1 100); do
        curl -s -o /dev/null "$peer_url/ServiceProviderConfig" -H "Authorization: Bearer peer-token" && return 0
        sleep 0.1
    done
    die "the peer did not start: $(tail -n 5 "$work/peer.log")"
}

# seed URL TOKEN COUNT OUTDIR: COUNT users through POST, 16 at a time; their ids into OUTDIR/ids.
seed_users() {
    local url="$1" token="$2" count="$3" dir="$4"
    mkdir -p "$dir/bodies"
    awk -v n="$count" -v url="$url/Users" -v token="$token" -v dir="$dir/bodies" 'BEGIN {
        for (i = 1; i <= n; i++) {
            printf "url = \"%s\"\ninsecure\nhttp1.1\nsilent\n", url
            printf "header = \"Authorization: Bearer %s\"\nheader = \"Content-Type: application/scim+json\"\n", token
            printf "data = \"{\\\"schemas\\\":[\\\"urn:ietf:params:scim:schemas:core:2.0:User\\\"],\\\"userName\\\":\\\"bench.user.%06d@example.com\\\",\\\"name\\\":{\\\"givenName\\\":\\\"Bench\\\",\\\"familyName\\\":\\\"User %d\\\"},\\\"emails\\\":[{\\\"value\\\":\\\"bench.user.%06d@example.com\\\",\\\"type\\\":\\\"work\\\",\\\"primary\\\":true}],\\\"active\\\":true}\"\n", i, i, i
            printf "output = \"%s/%d.json\"\n", dir, i
            if (i < n) print "next"
        }
    }' >"$dir/seed.curl"
    curl -s --parallel --parallel-max 16 -K "$dir/seed.curl" || true
    # The first "id" of each answer is the user's (no attribute before it carries one).
    find "$dir/bodies" -name '*.json' -exec grep -ho '"id":"[^"]*"' {} + 2>/dev/null | cut -d'"' -f4 | sort -u >"$dir/ids" || true
    [[ $(wc -l <"$dir/ids") -eq "$count" ]] || die "seeding $url created $(wc -l <"$dir/ids") of $count users"
}

# ---- read ----------------------------------------------------------------------------------------
if has read || has create || has groups; then
    peer_start
    say "seeding $n users into scimd and into the peer"
    seed_users "$base_url$base_path" "$token" "$n" "$work/scimd-seed"
    seed_users "$peer_url" peer-token "$n" "$work/peer-seed"
fi

if has read; then
    say "read: GET /Users/{id}, /healthz, the peer, pgbench -S"
    bench_psql -qc "CREATE DATABASE goals_pgbench" >/dev/null
    "$pg_bin/pgbench" -h "$pg_socket_dir" -U postgres -i -s 10 -q goals_pgbench >/dev/null 2>&1
    for r in $(seq 1 "$repeats"); do
        say "  round $r/$repeats"
        run_wrk by_id "$base_url/" "$root/bench/requests.lua" 2 16 -- "$token" "$base_path/Users/{id}" "--ids=$work/scimd-seed/ids"
        run_wrk healthz "$base_url/" "$root/bench/requests.lua" 2 16 -- "" /healthz
        run_wrk peer_by_id "$peer_base" "$root/bench/requests.lua" 2 16 -- peer-token \
            "/scim/v2/Users/{id}" "--ids=$work/peer-seed/ids"
        "$pg_bin/pgbench" -h "$pg_socket_dir" -U postgres -S -M prepared -c 16 -j 2 -T "${duration%s}" goals_pgbench 2>/dev/null |
            sed -n 's/^tps = \([0-9.]*\).*/RESULT rps=\1/p' | sed "s/\$/ load=$(load_now)/" | tee -a "$work/pgbench.results" >&2
    done
    g=$(median by_id rps)
    h=$(median healthz rps)
    s=$(median peer_by_id rps)
    p=$(median pgbench rps)
    cpu=$(awk -v a="$(median by_id scimd_cpu_ms)" -v b="$(median by_id pg_cpu_ms)" 'BEGIN { printf "%.3f", a + b }')
    row "GET /Users/{id} (req/s)" "$g" "/healthz $h" "$(ratio "$g" "$h")" ">= 0.5" "$(median by_id load)"
    row "GET /Users/{id} vs SCIMMY (req/s)" "$g" "SCIMMY $s" "$(ratio "$g" "$s")" ">= 6" "$(median peer_by_id load)"
    row "GET /Users/{id} CPU per request (ms)" "$cpu" "scimd $(median by_id scimd_cpu_ms) + PG $(median by_id pg_cpu_ms)" "-" "<= 0.4" "-"
    row "pgbench -S -M prepared, 16 clients (TPS)" "$p" "GET /Users/{id} $g" "$(ratio "$g" "$p")" "-" "$(median pgbench load)"
fi

# ---- create ----------------------------------------------------------------------------------------
if has create; then
    say "create: POST /Users with 32 connections, scimd and the peer"
    for r in $(seq 1 "$repeats"); do
        say "  round $r/$repeats"
        run_wrk create "$base_url/" "$root/bench/creates.lua" 2 32 -- "$token" "$base_path/Users"
        run_wrk peer_create "$peer_base" "$root/bench/creates.lua" 2 32 -- peer-token "/scim/v2/Users"
    done
    c=$(median create rps)
    s=$(median peer_create rps)
    row "POST /Users, 32 connections (creates/s)" "$c" "SCIMMY $s" "$(ratio "$c" "$s")" ">= 3" "$(median create load)"
    row "POST /Users PostgreSQL CPU per create (ms)" "$(median create pg_cpu_ms)" "scimd $(median create scimd_cpu_ms)" "-" "<= 3" "-"
fi

# ---- groups ----------------------------------------------------------------------------------------
if has groups; then
    say "groups: PATCH of one group, 16 connections and 1"
    status=$(curl -sS -k --http1.1 -o "$work/group.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
        -H "Content-Type: application/scim+json" "$base_url$base_path/Groups" \
        -d '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"goals"}')
    [[ "$status" == 201 ]] || die "POST /Groups: $status"
    group_id=$(grep -o '"id":"[^"]*"' "$work/group.json" | head -n1 | cut -d'"' -f4)
    for r in $(seq 1 "$repeats"); do
        say "  round $r/$repeats"
        for c in 16 1; do
            out=$(wrk -t"$c" -c"$c" -d"$duration" --timeout "$wrk_timeout" -s "$root/bench/groups.lua" "$base_url/" -- \
                "$token" patch "$base_path/Groups" "$group_id" "$work/scimd-seed/ids" "$c" 2>&1) || { echo "$out" >&2; die "wrk failed"; }
            # Adds and removes alternate: the group's PATCH rate is their sum.
            grep '^RESULT op=' <<<"$out" | awk -v load="$(load_now)" '{ match($0, /rps=[0-9.]+/); s += substr($0, RSTART + 4, RLENGTH - 4) }
                END { printf "RESULT rps=%.2f load=%s\n", s, load }' | tee -a "$work/patch_$c.results" >&2
            bench_psql -qc "DELETE FROM scim_group_members WHERE group_id = '$group_id'" >/dev/null
        done
    done
    p16=$(median patch_16 rps)
    p1=$(median patch_1 rps)
    row "PATCH one group, 16 connections (PATCH/s)" "$p16" "1 connection $p1" "$(ratio "$p16" "$p1")" ">= 1000, >= 1" "$(median patch_16 load)"
fi

# ---- memory ----------------------------------------------------------------------------------------
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$scimd_pid/status"; }
if has memory; then
    say "memory: RSS now, then with $idle idle TLS connections from 127.0.0.2"
    loaded=$(rss_kb)
    port="${base_url##*:}"
    before=$(rss_kb)
    python3 - "$port" "$idle" >"$work/idle.out" 2>&1 <<'EOF' &
import socket, ssl, sys, time
port, count = int(sys.argv[1]), int(sys.argv[2])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
held = []
for _ in range(count):
    raw = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.2", 0))
    held.append(context.wrap_socket(raw, server_hostname="localhost"))
print("open", len(held), flush=True)
time.sleep(15)
EOF
    idle_pid=$!
    for _ in $(seq 1 600); do grep -q '^open' "$work/idle.out" && break; sleep 0.1; done
    grep -q '^open' "$work/idle.out" || { cat "$work/idle.out" >&2; die "could not open $idle connections"; }
    sleep 1
    with_idle=$(rss_kb)
    wait "$idle_pid" || true
    sleep 2
    after=$(rss_kb)
    per=$(awk -v a="$with_idle" -v b="$before" -v n="$idle" 'BEGIN { printf "%.1f", (a - b) / n }')
    row "scimd RSS after the loads above (MB)" "$(awk -v k="$loaded" 'BEGIN { printf "%.1f", k / 1024 }')" "-" "-" "<= 64" "$(load_now)"
    row "per idle TLS connection (KB)" "$per" "$idle open: $((with_idle / 1024)) MB" "-" "<= 40" "-"
    row "RSS once they closed (MB)" "$(awk -v k="$after" 'BEGIN { printf "%.1f", k / 1024 }')" "before $((before / 1024)) MB" "-" "-" "-"
fi

# ---- queries ---------------------------------------------------------------------------------------
if has queries; then
    for size in $query_sizes; do
        say "queries: bench/query.sh $size"
        SCIMD_BINARY="$scimd" WRK_TIMEOUT="${QUERY_WRK_TIMEOUT:-60s}" REPEATS="$repeats" DURATION="$duration" \
            bash "$root/bench/query.sh" "$size" >"$work/query.$size" 2>"$work/query.$size.err" ||
            say "WARNING: query.sh $size reported failures (see its table)"
        # Every line's throughput against GET-by-id of the same run (query.sh's last column).
        sed -n '/^request /,/^GET \/healthz/p' "$work/query.$size" | tail -n +2 | while read -r line; do
            label=$(sed 's/  .*//' <<<"$line")
            rps=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+$/) { print $i; exit } }' <<<"${line#"$label"}")
            vs=$(awk '{ print $NF }' <<<"$line")
            row "$size users: $label (req/s)" "$rps" "GET /Users/{id}" "$vs" ">= 0.3" "-"
        done
    done
fi

# ---- paging ----------------------------------------------------------------------------------------
if has paging; then
    page_time() {  # url: seconds of the median of 5 requests
        local t=() i
        for i in 1 2 3 4 5; do
            t+=("$(curl -sS -k --http1.1 -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" "$1")")
        done
        printf '%s\n' "${t[@]}" | sort -g | sed -n 3p
    }
    for size in $paging_sizes; do
        say "paging: $size users"
        bench_psql -qc "DELETE FROM scim_users WHERE directory_id = '$directory_id'"
        for ((lo = 1; lo <= size; lo += 100000)); do
            hi=$((lo + 99999 < size ? lo + 99999 : size))
            bench_psql -v dir="$directory_id" -v lo="$lo" -v hi="$hi" -v depts='{"Engineering","Sales"}' -f bench/query_seed.sql
        done
        bench_psql -qc "VACUUM ANALYZE"
        users="$base_url$base_path/Users"
        first=$(page_time "$users?sortBy=userName&count=100&startIndex=1")
        deep=$(page_time "$users?sortBy=userName&count=100&startIndex=$((size - 100))")
        row "$size users: index page near the end (s)" "$deep" "first page $first" "$(ratio "$deep" "$first")" "<= 1.5" "$(load_now)"
        # By cursor: walk to the end with count=1000, timing the whole pass and the last page.
        start=$(date +%s.%N)
        cursor=""
        last_page=""
        pages=0
        while :; do
            # The page goes to a file: holding a megabyte in a shell variable costs more than the
            # request.
            last_page=$(curl -sS -k --http1.1 -G -o "$work/page.json" -w '%{time_total}' \
                -H "Authorization: Bearer $token" "$users" --data-urlencode sortBy=userName \
                --data-urlencode count=1000 --data-urlencode "cursor=$cursor")
            pages=$((pages + 1))
            # nextCursor follows Resources (api/list_responses.hpp): only the end is searched.
            cursor=$(tail -c 4096 "$work/page.json" | grep -o '"nextCursor":"[^"]*"' | cut -d'"' -f4 || true)
            [[ -n "$cursor" ]] || break
        done
        cursor_pass=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        first_cursor=$(page_time "$users?sortBy=userName&count=1000&cursor=")
        row "$size users: last cursor page of 1000 (s)" "$last_page" "first $first_cursor" "$(ratio "$last_page" "$first_cursor")" "<= 1.5" "$(load_now)"
        start=$(date +%s.%N)
        for ((i = 1; i <= size; i += 1000)); do
            curl -sS -k --http1.1 -o /dev/null -H "Authorization: Bearer $token" "$users?sortBy=userName&count=1000&startIndex=$i"
        done
        index_pass=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
        row "$size users: whole pass by cursor, count=1000 (s)" "$cursor_pass" "$pages pages" "-" "<= 60 at 1M" "$(load_now)"
        row "$size users: whole pass by index, count=1000 (s)" "$index_pass" "$(((size + 999) / 1000)) pages" "-" "<= 60 at 1M" "$(load_now)"
    done
fi

# ---- admin -----------------------------------------------------------------------------------------
if has admin; then
    say "admin: $admin_accounts managed accounts"
    "$scimd" admin-token --db "$dsn" --org bench >"$work/admin.json"
    org=$(sed -n 's/.*"organization_id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/admin.json")
    admin_token=$(sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/admin.json")
    [[ -n "$org" && -n "$admin_token" ]] || die "unexpected admin-token output: $(cat "$work/admin.json")"
    bench_psql -v org="$org" -v n="$admin_accounts" -f "$root/bench/admin_seed.sql"
    bench_psql -qc "VACUUM ANALYZE"
    accounts="$base_url/admin/organizations/$org/managed-accounts"
    # admin_page URL: server CPU milliseconds (scimd + PostgreSQL) per request and the median
    # time of 10 requests on one keep-alive connection.
    admin_page() {
        local args=() i scimd0 pg0 times
        for i in $(seq 1 10); do args+=(-o /dev/null "$1"); done
        scimd0=$(cpu_of "$scimd_pid")
        pg0=$(cpu_of $(pg_pids))
        times=$(curl -sS -k --http1.1 -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $admin_token" "${args[@]}")
        grep -qv '^200 ' <<<"$times" && die "the managed-accounts list failed: $1 $(head -n1 <<<"$times")"
        awk -v s=$(($(cpu_of "$scimd_pid") - scimd0)) -v p=$(($(cpu_of $(pg_pids)) - pg0)) -v hz="$ticks" \
            -v t="$(cut -d' ' -f2 <<<"$times" | sort -g | sed -n 5p)" \
            'BEGIN { printf "%.1f %.1f\n", 1000 * (s + p) / hz / 10, 1000 * t }'
    }
    last=$((admin_accounts - 99))
    for sort in email displayName givenName familyName jobTitle department lastActive created; do
        for order in ascending descending; do
            read -r first_cpu first_ms < <(admin_page "$accounts?sortBy=$sort&sortOrder=$order&count=100")
            read -r last_cpu last_ms < <(admin_page "$accounts?sortBy=$sort&sortOrder=$order&count=100&startIndex=$last")
            row "accounts by $sort $order: first page (CPU ms)" "$first_cpu" "${first_ms} ms" "-" "<= 20" "$(load_now)"
            row "accounts by $sort $order: last page (CPU ms)" "$last_cpu" "${last_ms} ms" "-" "<= 20" "$(load_now)"
        done
    done
    # The worst page: the middle, as far from either end as a page can be.
    read -r middle_cpu middle_ms < <(admin_page "$accounts?sortBy=familyName&count=100&startIndex=$((admin_accounts / 2))")
    row "accounts by familyName: middle page (CPU ms)" "$middle_cpu" "${middle_ms} ms" "-" "<= 20" "$(load_now)"
    read -r filtered_cpu filtered_ms < <(admin_page "$accounts?sortBy=familyName&count=100&startIndex=5001&filter=department%20eq%20%22Department%203%22")
    row "accounts, department eq, by familyName, page 51 (CPU ms)" "$filtered_cpu" "${filtered_ms} ms" "-" "<= 20" "$(load_now)"
    started=$(date +%s.%N)
    curl -ksf -o "$work/export.csv" -H "Authorization: Bearer $admin_token" "$base_url/admin/organizations/$org/exports/managed-accounts"
    seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    rows=$(($(wc -l <"$work/export.csv") - 1))
    [[ "$rows" == "$admin_accounts" ]] || die "the export has $rows rows, expected $admin_accounts"
    row "managed-accounts export (rows/s)" "$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')" "$rows rows in $seconds s" "-" ">= 50000" "$(load_now)"
fi

echo
echo "goals: wrk -tT -cC -d$duration, medians of $repeats rounds; ${scimd#"$root"/}, PostgreSQL, the peer and the"
echo "clients sharing $(nproc) cores; load = the 1-minute load average at the end of the line's runs"
printf '%-58s %14s %-30s %8s %-14s %s\n' line value reference ratio goal load
cat "$work/table"
