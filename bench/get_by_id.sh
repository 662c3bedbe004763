#!/usr/bin/env bash
# Benchmark: GET /scim/directory/<id>/Users/<userId> against GET /healthz on the same server.
#
#   bench/get_by_id.sh [N]        N users to seed (default 10000; or env N)
#
# Starts everything it needs and stops it all at the end: a throwaway PostgreSQL cluster
# (tests/support/pg_cluster.sh), a Release scimd on a free loopback port (HTTPS), one demo
# directory. Seeds N users (POSTs with curl --parallel over keep-alive), lists them to collect
# their ids, then runs wrk over HTTPS keep-alive: GET-by-id with random ids from the seeded
# set, and /healthz as the ceiling of the same server, process and machine. Each measurement
# is repeated and the medians are printed. See bench/README.md for how to read the figures.
#
# Environment: N, THREADS (wrk -t, default 2), CONNECTIONS (wrk -c, 16), DURATION (wrk -d,
# 10s), REPEATS (3), SEED_PARALLEL (16), SCIMD_BINARY (skip the build and use this binary),
# SCIMD_ARGS (extra `scimd serve` options, e.g. "--workers 8"), JOBS (build parallelism, 2).
# The machinery (build, cluster, scimd, wrk) is in bench/lib.sh, the wrk script bench/requests.lua.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init get_by_id 10000 "${1:-}"
seed_parallel="${SEED_PARALLEL:-16}"
bench_build
bench_start

# ---- seed N users -----------------------------------------------------------------------------
# One curl process, $seed_parallel keep-alive connections; each transfer's options are
# repeated because `next` resets them.
say "seeding $n users"
seed_start=$(date +%s.%N)
awk -v n="$n" -v url="$users_url" -v token="$token" 'BEGIN {
    for (i = 1; i <= n; i++) {
        printf "url = \"%s\"\n", url
        print "insecure"
        print "http1.1"
        print "silent"
        printf "header = \"Authorization: Bearer %s\"\n", token
        print "header = \"Content-Type: application/scim+json\""
        printf "data = \"{\\\"schemas\\\":[\\\"urn:ietf:params:scim:schemas:core:2.0:User\\\"],\\\"userName\\\":\\\"bench.user.%06d@example.com\\\",\\\"name\\\":{\\\"givenName\\\":\\\"Bench\\\",\\\"familyName\\\":\\\"User %d\\\"},\\\"emails\\\":[{\\\"value\\\":\\\"bench.user.%06d@example.com\\\",\\\"type\\\":\\\"work\\\",\\\"primary\\\":true}],\\\"active\\\":true}\"\n", i, i, i
        print "output = \"/dev/null\""
        print "write-out = \"%{http_code}\\n\""
        if (i < n) print "next"
    }
}' >"$work/seed.curl"
curl -s --parallel --parallel-max "$seed_parallel" -K "$work/seed.curl" >"$work/seed.codes" 2>"$work/seed.stderr" || true
seed_end=$(date +%s.%N)
created=$(grep -c '^201$' "$work/seed.codes" || true)
if [[ "$created" -ne "$n" ]]; then
    echo "bench: seeding created $created of $n users; status codes:" >&2
    sort "$work/seed.codes" | uniq -c >&2
    tail -n 20 "$work/seed.stderr" >&2
    die "seeding failed"
fi
seed_rate=$(awk -v n="$n" -v a="$seed_start" -v b="$seed_end" 'BEGIN { printf "%.0f", n / (b - a) }')
say "seeded $n users ($seed_rate users/s)"

# ---- collect their ids (no filter: page through the list) ------------------------------------------
: >"$work/ids"
start_index=1
while :; do
    page=$(curl -sS -k --http1.1 -H "Authorization: Bearer $token" "$users_url?startIndex=$start_index&count=1000")
    # Top-level "id"s of the Resources: seeded users carry no other "id" member.
    got=$(printf '%s' "$page" | grep -o '"id"[[:space:]]*:[[:space:]]*"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/' | tee -a "$work/ids" | wc -l)
    [[ "$got" -gt 0 ]] || break
    start_index=$((start_index + got))
    [[ $(wc -l <"$work/ids") -lt "$n" ]] || break
done
ids=$(wc -l <"$work/ids")
[[ "$ids" -eq "$n" ]] || die "listing returned $ids ids for $n users (last page: ${page:0:300})"

# ---- wrk ------------------------------------------------------------------------------------
by_id=("$token" "$base_path/Users/{id}" "--ids=$work/ids")
healthz=("" /healthz)

say "warm-up"
bench_wrk warm-up 2s "${by_id[@]}" >/dev/null
bench_wrk warm-up 2s "${healthz[@]}" >/dev/null

: >"$work/get.results"
: >"$work/health.results"
for r in $(seq 1 "$repeats"); do
    say "run $r/$repeats: GET /Users/{id}"
    bench_wrk get-by-id "$duration" "${by_id[@]}" | tee -a "$work/get.results" >&2
    say "run $r/$repeats: GET /healthz"
    bench_wrk healthz "$duration" "${healthz[@]}" | tee -a "$work/health.results" >&2
done

g_rps=$(bench_median "$work/get.results" rps)
g_p50=$(bench_median "$work/get.results" p50_ms)
g_p99=$(bench_median "$work/get.results" p99_ms)
h_rps=$(bench_median "$work/health.results" rps)
h_p50=$(bench_median "$work/health.results" p50_ms)
h_p99=$(bench_median "$work/health.results" p99_ms)

echo
echo "get_by_id: $n users seeded ($seed_rate users/s), wrk -t$threads -c$connections -d$duration over HTTPS keep-alive,"
echo "medians of $repeats runs; ${scimd#"$root"/} and PostgreSQL and wrk sharing $(nproc) cores"
printf '%-22s %12s %10s %10s\n' endpoint "requests/s" "p50 ms" "p99 ms"
printf '%-22s %12.0f %10.2f %10.2f\n' "GET /Users/{id}" "$g_rps" "$g_p50" "$g_p99"
printf '%-22s %12.0f %10.2f %10.2f\n' "GET /healthz" "$h_rps" "$h_p50" "$h_p99"
awk -v g="$g_rps" -v h="$h_rps" 'BEGIN { printf "ratio GET-by-id / healthz throughput: %.2f\n", (h > 0 ? g / h : 0) }'
