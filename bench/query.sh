#!/usr/bin/env bash
# Benchmark: SCIM filters, sorting and paging on GET /scim/directory/<id>/Users, against
# GET-by-id and /healthz on the same server.
#
#   bench/query.sh [N]        N users to seed (default 100000; or env N)
#
# Starts everything it needs and stops it all at the end (bench/lib.sh): a throwaway PostgreSQL
# cluster, a Release scimd on a free loopback port (HTTPS), one directory. Seeds N users
# straight into the database with SQL (bench/query_seed.sql, batches of INSERT … SELECT FROM
# generate_series), VACUUM ANALYZE, then runs wrk over HTTPS keep-alive (bench/requests.lua)
# for each request of the table below, a random user number per request. Each measurement is
# repeated and the medians are printed, with each one's throughput relative to GET-by-id.
# Any answer of 400 or more is reported loudly, with one failing response fetched with curl,
# and makes the script exit 1. See bench/README.md for how to read the figures.
#
# Environment: N, THREADS (wrk -t, 2), CONNECTIONS (wrk -c, 16), DURATION (wrk -d, 10s),
# REPEATS (3), WRK_TIMEOUT (5s), WARMUP (wrk -d of the one warm-up run per request, 2s), BATCH (users per
# INSERT, 100000), SCIMD_BINARY (skip the build and use this binary), SCIMD_ARGS (extra
# `scimd serve` options), JOBS (build parallelism, 2).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init query 100000 "${1:-}"
batch="${BATCH:-100000}"
warmup="${WARMUP:-2s}"
[[ "$batch" =~ ^[1-9][0-9]*$ ]] || die "BATCH must be a positive number"
bench_build
bench_start

# ---- seed N users with SQL ---------------------------------------------------------------------
# Departments of the enterprise extension, one per user; the sorted-page query filters on a
# random one (so about N/50 users match). Some need percent-encoding in a URL.
departments=(
    "Engineering" "Research & Development" "Sales" "Marketing" "Customer Success" "Support" "Finance"
    "Accounting" "Legal" "People & Culture" "Recruiting" "IT" "Security" "Facilities" "Operations"
    "Procurement" "Product" "Design" "Data Science" "Analytics" "Quality Assurance" "Platform"
    "Infrastructure" "Site Reliability" "Mobile" "Web" "Partnerships" "Business Development"
    "Communications" "Public Relations" "Investor Relations" "Internal Audit" "Compliance" "Risk"
    "Treasury" "Tax" "Payroll" "Learning & Development" "Executive Office" "Strategy" "Logistics"
    "Supply Chain" "Manufacturing" "Field Services" "Professional Services" "Solutions Engineering"
    "Developer Relations" "Documentation" "Localization" "Qualitätssicherung"
)
printf '%s\n' "${departments[@]}" >"$work/departments"
depts_literal="{$(printf '"%s",' "${departments[@]}")"
depts_literal="${depts_literal%,}}"

say "seeding $n users with SQL, $batch per INSERT"
seed_start=$(date +%s.%N)
for ((lo = 1; lo <= n; lo += batch)); do
    hi=$((lo + batch - 1 < n ? lo + batch - 1 : n))
    bench_psql -v dir="$directory_id" -v lo="$lo" -v hi="$hi" -v depts="$depts_literal" -f bench/query_seed.sql
    [[ $n -le $batch ]] || say "  $hi / $n"
done
seed_end=$(date +%s.%N)
users=$(bench_psql -Atc "SELECT count(*) FROM scim_users WHERE directory_id = '$directory_id'")
emails=$(bench_psql -Atc "SELECT count(*) FROM scim_user_emails WHERE directory_id = '$directory_id'")
[[ "$users" -eq "$n" && "$emails" -eq $((2 * n)) ]] || die "seeding left $users users and $emails email rows for $n users"
say "VACUUM ANALYZE"
bench_psql -c "VACUUM ANALYZE"
vacuum_end=$(date +%s.%N)
seed_secs=$(awk -v a="$seed_start" -v b="$seed_end" 'BEGIN { printf "%.1f", b - a }')
seed_rate=$(awk -v n="$n" -v a="$seed_start" -v b="$seed_end" 'BEGIN { printf "%.0f", n / (b - a) }')
vacuum_secs=$(awk -v a="$seed_end" -v b="$vacuum_end" 'BEGIN { printf "%.1f", b - a }')
say "seeded $n users in $seed_secs s ($seed_rate users/s), VACUUM ANALYZE $vacuum_secs s"

bench_psql -Atc "SELECT id FROM scim_users WHERE directory_id = '$directory_id'" >"$work/ids"

# ---- the requests ------------------------------------------------------------------------------
# Templates for bench/requests.lua: NAME=VALUE query parameters are percent-encoded there, after
# {i} (1..N), {k} (two digits shorter than N: "{k}@ex" matches the ~10 users whose number ends
# in k), {start} (1..1000), {dept} and {id} are drawn.
ext="urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
keys=(by-id username email co dept page healthz)
declare -A label
label[by-id]="GET /Users/{id}"
label[username]="userName eq"
label[email]="emails[type eq work].value eq"
label[co]="userName co"
label[dept]="department eq + sortBy familyName"
label[page]="sortBy userName + startIndex"
label[healthz]="GET /healthz"
request_args() {  # key → args: the arguments of requests.lua
    local users="$base_path/Users"
    case "$1" in
        by-id) args=("$token" "$users/{id}" "--ids=$work/ids") ;;
        username) args=("$token" "$users" "--n=$n" 'filter=userName eq "User{i}@Example.COM"') ;;
        email) args=("$token" "$users" "--n=$n" 'filter=emails[type eq "work"].value eq "user{i}@example.com"') ;;
        co) args=("$token" "$users" "--n=$n" 'filter=userName co "{k}@ex"') ;;
        dept) args=("$token" "$users" "--depts=$work/departments" 'sortBy=name.familyName' 'sortOrder=descending'
                    'count=50' "filter=$ext:department eq \"{dept}\"") ;;
        page) args=("$token" "$users" "--n=$n" 'sortBy=userName' 'count=100' 'startIndex={start}') ;;
        healthz) args=("" /healthz) ;;
    esac
}
# The request as a person reads it: the templates, not encoded.
describe() {
    request_args "$1"
    local path="${args[1]#"$base_path"}" sep="?" a
    for a in "${args[@]:2}"; do
        [[ "$a" == --* ]] && continue
        path+="$sep$a"
        sep="&"
    done
    echo "GET $path"
}

# Replays a path requests.lua generated; writes $work/reply.body, prints the HTTP status.
replay() {  # key path
    local auth=()
    [[ "$1" == healthz ]] || auth=(-H "Authorization: Bearer $token")
    curl -g -sS -k --http1.1 "${auth[@]}" -o "$work/reply.body" -w '%{http_code}' "$base_url$2" || true
}

say "warm-up ($warmup each), one sample request of each checked with curl"
declare -A sample_status sample_total
for key in "${keys[@]}"; do
    request_args "$key"
    bench_wrk "warm-up $key" "$warmup" "${args[@]}" >/dev/null
    cp "$work/sample" "$work/$key.samples"
    status=$(replay "$key" "$(cat "$work/sample")")
    sample_status[$key]=$status
    sample_total[$key]=$(grep -o '"totalResults":[0-9]*' "$work/reply.body" | head -n1 | cut -d: -f2 || true)
    say "  $key: HTTP $status${sample_total[$key]:+, totalResults ${sample_total[$key]}}: GET $(cat "$work/sample")"
    : >"$work/$key.results"
done

for r in $(seq 1 "$repeats"); do
    for key in "${keys[@]}"; do
        say "run $r/$repeats: ${label[$key]}"
        request_args "$key"
        bench_wrk "$key" "$duration" "${args[@]}" | tee -a "$work/$key.results" >&2
        cat "$work/sample" >>"$work/$key.samples"
    done
done

# ---- the table ---------------------------------------------------------------------------------
sum() {  # file field
    sed -n "s/.* $2=\([0-9]*\).*/\1/p" "$1" | awk '{ s += $1 } END { print s + 0 }'
}
by_id_rps=$(bench_median "$work/by-id.results" rps)
echo
echo "query: $n users seeded with SQL ($seed_rate users/s, then VACUUM ANALYZE $vacuum_secs s), wrk -t$threads -c$connections -d$duration"
echo "over HTTPS keep-alive, medians of $repeats runs; ${scimd#"$root"/} and PostgreSQL and wrk sharing $(nproc) cores"
printf '%-34s %10s %8s %8s %8s %8s %8s %8s\n' request "requests/s" "p50 ms" "p99 ms" "non-2xx" "sockerr" "total" "vs by-id"
failed=()
for key in "${keys[@]}"; do
    f="$work/$key.results"
    rps=$(bench_median "$f" rps)
    non2xx=$(sum "$f" non2xx)
    sockerr=$(sum "$f" socket_errors)
    total="${sample_total[$key]:--}"
    [[ "${sample_status[$key]}" == 2* ]] || total="HTTP ${sample_status[$key]}"
    printf '%-34s %10.0f %8.2f %8.2f %8d %8d %8s %8s\n' "${label[$key]}" "$rps" "$(bench_median "$f" p50_ms)" \
        "$(bench_median "$f" p99_ms)" "$non2xx" "$sockerr" "$total" \
        "$(awk -v q="$rps" -v b="$by_id_rps" 'BEGIN { printf "%.3f", (b > 0 ? q / b : 0) }')"
    [[ $non2xx -eq 0 && $sockerr -eq 0 ]] || failed+=("$key")
done
echo
if [[ ${#n} -ge 3 ]]; then k_low=$((10 ** (${#n} - 3))); k_high=$((k_low * 10 - 1)); else k_low=1; k_high=$((n < 9 ? n : 9)); fi
echo "requests ({i}: random in 1..$n; {k}: random in $k_low..$k_high; {start}: random in 1..$((n < 1000 ? n : 1000));"
echo "{dept}: one of ${#departments[@]} departments; {id}: one of the seeded ids):"
for key in "${keys[@]}"; do
    printf '  %-34s %s\n' "${label[$key]}" "$(describe "$key")"
done

# ---- failures: loud, with one failing answer -----------------------------------------------------
if [[ ${#failed[@]} -gt 0 ]]; then
    bar='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
    echo
    echo "$bar"
    echo "!!! WARNING: ${#failed[@]} of ${#keys[@]} requests had answers of 400 or more or socket errors:"
    echo "!!! their lines above measure errors, not queries."
    for key in "${failed[@]}"; do
        f="$work/$key.results"
        echo "!!!"
        echo "!!! ${label[$key]}: $(sum "$f" non2xx) answers >= 400 and $(sum "$f" socket_errors) socket errors in $(sum "$f" requests) requests"
        shown=""
        while read -r path; do
            [[ -n "$path" ]] || continue
            status=$(replay "$key" "$path")
            if [[ "$status" != 2* ]]; then
                echo "!!! GET $path"
                echo "!!! -> HTTP $status $(head -c 600 "$work/reply.body")"
                shown=1
                break
            fi
        done <"$work/$key.samples"
        [[ -n "$shown" ]] || echo "!!! (the $(wc -l <"$work/$key.samples") sample requests kept answer 2xx when replayed: the failures came and went; 503 means the worker queue was full)"
    done
    bench_scimd_warnings
    echo "$bar"
    bench_no_log_tail=1
    exit 1
fi
