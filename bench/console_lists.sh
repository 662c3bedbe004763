#!/usr/bin/env bash
# Benchmark: the admin API's lists behind the console's pages at N managed accounts — every
# sortable column of GET /managed-accounts at its first, middle and last page, with and without
# a search, and the page after the middle one as the console's Next asks for it (after the middle
# page was served: the server seeks past where that page ended); the Users page by site and
# status; the journal's filters and a deep page; a directory's health — each request's latency,
# median of REPEATS, against the unsorted first page of managed accounts.
#
#   bench/console_lists.sh [N]      N managed accounts (default 300000; or env N)
#
# Starts everything it needs and stops it all at the end (bench/lib.sh). Seeds with SQL:
# bench/admin_seed.sql (N accounts claimed by the organization, three sites — every account on
# the first, every third on the second —, policies, an admin-kept group) and
# bench/journal_seed.sql (JOURNAL entries of the bench directory over the last 48 hours, default
# N), then VACUUM ANALYZE. Each request is sent REPEATS + 1 times over one keep-alive HTTPS
# connection (curl, one after another: latency, not throughput); the first is a warm-up, the
# median and the slowest of the others are printed in milliseconds (curl's time_total: request
# written to last byte read). Any answer but 200 stops the script. The machine's load average is
# printed before and after: the figures are only as quiet as the machine was.
#
# Environment: N, JOURNAL (entries to seed, default N), REPEATS (timed requests each, default
# 15), SCIMD_BINARY (skip the build and use this binary), SCIMD_ARGS, JOBS, SCIMD_PG_CONF.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init console_lists 300000 "${1:-}"
repeats="${REPEATS:-15}"
journal="${JOURNAL:-$n}"
[[ "$journal" =~ ^[1-9][0-9]*$ ]] || die "JOURNAL must be a positive number"
bench_build
bench_start
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

"$scimd" admin-token --db "$dsn" --org bench >"$work/admin.json"
org=$(sed -n 's/.*"organization_id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/admin.json")
admin_token=$(sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/admin.json")
[[ -n "$org" && -n "$admin_token" ]] || die "unexpected admin-token output: $(cat "$work/admin.json")"

say "seeding $n managed accounts and $journal journal entries"
seed_start=$(date +%s.%N)
bench_psql -v org="$org" -v n="$n" -f "$root/bench/admin_seed.sql"
bench_psql -v org="$org" -v dir="$directory_id" -v n="$journal" -v accounts="$n" -f "$root/bench/journal_seed.sql"
bench_psql -qc "VACUUM ANALYZE"
seed_secs=$(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
say "seeded in $seed_secs s"

site1=$(bench_psql -Atc "SELECT md5('site1')::uuid")
site2=$(bench_psql -Atc "SELECT md5('site2')::uuid")
account=$(bench_psql -Atc "SELECT md5('bench' || 4242)::uuid")
middle=$(( n / 2 ))
last=$(( n - 99 ))
# A deep journal page: the cursor of the entry in the middle (protocol/journal.cpp: base64url of
# "j1|<time>|<id>").
deep_cursor=$(bench_psql -Atc "SELECT 'j1|' || to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') || '|' || id
                                FROM journal_entries ORDER BY id OFFSET $(( journal / 2 )) LIMIT 1" |
              tr -d '\n' | base64 -w0 | tr '+/' '-_' | tr -d '=')

urlencode() { local LC_ALL=C s="$1" out="" c i; for ((i = 0; i < ${#s}; i++)); do c="${s:i:1}"
    case "$c" in [a-zA-Z0-9.~_-]) out+="$c" ;; *) printf -v c '%%%02X' "'$c"; out+="$c" ;; esac; done; echo "$out"; }

# label|path (relative to the organization), in the order printed.
requests=()
add() { requests+=("$1|$2"); }
add "baseline: unsorted, first page" "/managed-accounts?count=100"
for column in email displayName givenName familyName jobTitle department lifecycle lastActive created id; do
    add "sortBy=$column, first page" "/managed-accounts?count=100&sortBy=$column"
    add "sortBy=$column, middle page" "/managed-accounts?count=100&sortBy=$column&startIndex=$middle"
    add "sortBy=$column, the page after it" "/managed-accounts?count=100&sortBy=$column&startIndex=$((middle + 100))"
    add "sortBy=$column, last page" "/managed-accounts?count=100&sortBy=$column&startIndex=$last"
    add "sortBy=$column descending, first page" "/managed-accounts?count=100&sortBy=$column&sortOrder=descending"
done
# The console's search box: email co "x" or displayName co "x". "user12345" matches about 11
# accounts (12345, 123450..123459 at N >= 123459), "user1" about a third of them.
for term in user12345 user1; do
    filter=$(urlencode "email co \"$term\" or displayName co \"$term\"")
    add "search \"$term\", first page" "/managed-accounts?count=100&filter=$filter"
    add "search \"$term\", sortBy=displayName" "/managed-accounts?count=100&filter=$filter&sortBy=displayName"
    add "search \"$term\", sortBy=lastActive, middle" "/managed-accounts?count=100&filter=$filter&sortBy=lastActive&startIndex=50"
done
add "lifecycle eq deactivated" "/managed-accounts?count=100&filter=$(urlencode 'lifecycle eq "deactivated"')"
add "summary" "/managed-accounts/summary"
add "users, first page" "/users?count=100"
add "users, middle page" "/users?count=100&startIndex=$middle"
add "users, status=invited, middle page" "/users?count=100&status=invited&startIndex=$(( n / 21 ))"
add "users, site 2, middle page" "/users?count=100&site=$site2&startIndex=$(( n / 6 ))"
add "users, sites 1 and 2, first page" "/users?count=100&site=$site1&site=$site2"
add "users, last page" "/users?count=100&startIndex=$last"
add "users, status=invited" "/users?count=100&status=invited"
add "users, site 2, first page" "/users?count=100&site=$site2"
add "journal, first page" "/journal?count=50"
add "journal, deep page (cursor)" "/journal?count=50&cursor=$deep_cursor"
add "journal, directory" "/journal?count=50&directory=$directory_id"
add "journal, account" "/journal?count=50&account=$account"
add "journal, actor=admin" "/journal?count=50&actor=admin"
add "journal, actor=account" "/journal?count=50&actor=account"
add "journal, actor=directory" "/journal?count=50&actor=directory"
add "journal, outcome=failure" "/journal?count=50&outcome=failure"
add "journal, directory + outcome=failure" "/journal?count=50&directory=$directory_id&outcome=failure"
add "journal, actor=account + outcome=failure" "/journal?count=50&actor=account&outcome=failure"
add "journal, since 1 hour ago" "/journal?count=50&since=$(date -u -d '1 hour ago' +%Y-%m-%dT%H:%M:%SZ)"
add "directory health" "/directories/$directory_id/health"

# Each request REPEATS + 1 times on one connection: "status time_total size" per transfer.
measure() {  # path → $work/times (ms, one per timed request)
    local url="$base_url/admin/organizations/$org$1" args=() i
    for ((i = 0; i <= repeats; i++)); do args+=(-o /dev/null "$url"); done
    curl -gsSk --http1.1 -H "Authorization: Bearer $admin_token" -w '%{http_code} %{time_total} %{size_download}\n' \
        "${args[@]}" >"$work/transfers"
    if grep -qv '^200 ' "$work/transfers"; then
        echo "!!! $1 answered $(grep -v '^200 ' "$work/transfers" | head -n1 | cut -d' ' -f1):" >&2
        curl -gsSk --http1.1 -H "Authorization: Bearer $admin_token" "$url" | head -c 600 >&2
        echo >&2
        bench_no_log_tail=1
        exit 1
    fi
    tail -n +2 "$work/transfers" | awk '{ printf "%.2f\n", $2 * 1000 }' >"$work/times"
}
pick() {  # median | max of $work/times
    sort -g "$work/times" | awk -v want="$1" '{ v[NR] = $1 } END {
        if (want == "max") print v[NR]; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total_of() { curl -gsSk --http1.1 -H "Authorization: Bearer $admin_token" "$base_url/admin/organizations/$org$1" |
             grep -o '"totalResults":[0-9]*' | head -n1 | cut -d: -f2 || true; }

rows=()
baseline=""
for entry in "${requests[@]}"; do
    label="${entry%%|*}" path="${entry#*|}"
    say "$label"
    measure "$path"
    med=$(pick median) max=$(pick max)
    [[ -n "$baseline" ]] || baseline="$med"
    rows+=("$(printf '%-44s %9s %9s %8s %9s' "$label" "$med" "$max" \
              "$(awk -v m="$med" -v b="$baseline" 'BEGIN { printf "%.1f", m / b }')" "$(total_of "$path")")")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo
echo "console_lists: $n managed accounts, $journal journal entries (seeded with SQL in $seed_secs s);"
echo "each request $repeats times after one warm-up, one keep-alive HTTPS connection, milliseconds;"
echo "${scimd#"$root"/}, PostgreSQL and curl sharing $(nproc) cores; load average $load_before before, $load_after after"
printf '%-44s %9s %9s %8s %9s\n' request "median" "max" "x base" "total"
printf '%s\n' "${rows[@]}"
bench_scimd_warnings
