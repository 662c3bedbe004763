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
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd -P)
n="${1:-${N:-10000}}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-16}"
duration="${DURATION:-10s}"
repeats="${REPEATS:-3}"
seed_parallel="${SEED_PARALLEL:-16}"
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/get_by_id.sh [N]  (N a positive number of users)" >&2; exit 2; }

say() { echo "bench: $*" >&2; }
die() { echo "bench: $*" >&2; exit 1; }
for tool in wrk curl; do
    command -v "$tool" >/dev/null || die "$tool is missing (bash scripts/install-deps.sh)"
done

# ---- scimd binary ------------------------------------------------------------------------
if [[ -n "${SCIMD_BINARY:-}" ]]; then
    scimd="$SCIMD_BINARY"
else
    # Benchmarks measure the Release build (build-run/, the one scripts/run.sh uses).
    say "building scimd (Release, build-run/)"
    generator=()
    [[ -f build-run/CMakeCache.txt ]] || generator=(-G Ninja)
    configure_log=$(mktemp /tmp/scimd-bench-configure.XXXXXX)
    cmake -S . -B build-run "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DSCIMD_TESTS=OFF >"$configure_log" 2>&1 ||
        { cat "$configure_log" >&2; rm -f "$configure_log"; die "configuring build-run/ failed"; }
    rm -f "$configure_log"
    cmake --build build-run -j "${JOBS:-2}" --target scimd >&2
    scimd="$root/build-run/scimd"
fi
[[ -x "$scimd" ]] || die "no scimd binary at $scimd"

# ---- everything started below is stopped here ------------------------------------------------
work=$(mktemp -d /tmp/scimd-bench.XXXXXX)
pg_state="$work/pg"
scimd_pid=""
cleanup() {
    local rc=$?
    if [[ -n "$scimd_pid" ]] && kill -0 "$scimd_pid" 2>/dev/null; then
        kill -TERM "$scimd_pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$scimd_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$scimd_pid" 2>/dev/null || true
        wait "$scimd_pid" 2>/dev/null || true
    fi
    if [[ -f "$pg_state/pgdir" ]]; then
        bash tests/support/pg_cluster.sh stop "$pg_state" 2>/dev/null || true
    fi
    if [[ $rc -ne 0 && -s "$work/scimd.stderr" ]]; then
        echo "---- last lines of scimd's stderr ----" >&2
        tail -n 30 "$work/scimd.stderr" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- PostgreSQL + scimd -----------------------------------------------------------------------
bash tests/support/pg_cluster.sh start "$pg_state" 2>"$work/pg.log" || { cat "$work/pg.log" >&2; die "PostgreSQL did not start"; }
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -t/ -k5,5n | tail -n1)
"$pg_bin/psql" "$(cat "$pg_state/dsn")" -qc "CREATE DATABASE scimd_bench" >/dev/null
dsn="$(sed 's/dbname=postgres/dbname=scimd_bench/' "$pg_state/dsn")"

read -r -a extra_args <<<"${SCIMD_ARGS:-}"
"$scimd" serve --db "$dsn" --listen 127.0.0.1:0 "${extra_args[@]}" >"$work/scimd.stdout" 2>"$work/scimd.stderr" &
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
json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" "$work/bootstrap.json" | head -n1; }
base_path=$(json_field base_path)
token=$(json_field token)
[[ -n "$base_path" && -n "$token" ]] || die "unexpected bootstrap output: $(cat "$work/bootstrap.json")"
users_url="$base_url$base_path/Users"

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
# One script for both endpoints: with an id file it GETs random users, without it the URL as
# given. done() prints one machine-readable line (latency percentiles are microseconds).
cat >"$work/bench.lua" <<'LUA'
local ids = {}
local token = nil
local base = nil

-- Runs in the main Lua state once per thread; `seed` becomes a global of that thread's state.
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("seed", threads)
end

function init(args)
    token = args[1]
    base = args[2]
    if args[3] then
        for line in io.lines(args[3]) do ids[#ids + 1] = line end
    end
    math.randomseed(os.time() * 1000 + (seed or 0))
    if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
end

function request()
    if #ids > 0 then
        return wrk.format("GET", base .. ids[math.random(#ids)])
    end
    return wrk.format("GET")
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT rps=%.2f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d socket_errors=%d\n",
        summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
LUA

run_wrk() {  # label duration url [script args...]
    local label="$1" d="$2" url="$3"; shift 3
    local out
    out=$(wrk -t"$threads" -c"$connections" -d"$d" --timeout 5s --latency -s "$work/bench.lua" "$url" -- "$@" 2>&1) ||
        { echo "$out" >&2; die "wrk failed ($label)"; }
    local line
    line=$(grep '^RESULT ' <<<"$out") || { echo "$out" >&2; die "wrk printed no result ($label)"; }
    if ! grep -q ' non2xx=0 socket_errors=0' <<<"$line"; then
        say "WARNING: $label had failed requests: $line"
    fi
    echo "$line"
}

say "warm-up"
run_wrk warm-up 2s "$users_url/" "$token" "$base_path/Users/" "$work/ids" >/dev/null
run_wrk warm-up 2s "$base_url/healthz" "" >/dev/null

: >"$work/get.results"
: >"$work/health.results"
for r in $(seq 1 "$repeats"); do
    say "run $r/$repeats: GET /Users/{id}"
    run_wrk get-by-id "$duration" "$users_url/" "$token" "$base_path/Users/" "$work/ids" | tee -a "$work/get.results" >&2
    say "run $r/$repeats: GET /healthz"
    run_wrk healthz "$duration" "$base_url/healthz" "" | tee -a "$work/health.results" >&2
done

median() {  # file field
    sed -n "s/.* $2=\([0-9.]*\).*/\1/p" "$1" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
g_rps=$(median "$work/get.results" rps)
g_p50=$(median "$work/get.results" p50_ms)
g_p99=$(median "$work/get.results" p99_ms)
h_rps=$(median "$work/health.results" rps)
h_p50=$(median "$work/health.results" p50_ms)
h_p99=$(median "$work/health.results" p99_ms)

echo
echo "get_by_id: $n users seeded ($seed_rate users/s), wrk -t$threads -c$connections -d$duration over HTTPS keep-alive,"
echo "medians of $repeats runs; ${scimd#"$root"/} and PostgreSQL and wrk sharing $(nproc) cores"
printf '%-22s %12s %10s %10s\n' endpoint "requests/s" "p50 ms" "p99 ms"
printf '%-22s %12.0f %10.2f %10.2f\n' "GET /Users/{id}" "$g_rps" "$g_p50" "$g_p99"
printf '%-22s %12.0f %10.2f %10.2f\n' "GET /healthz" "$h_rps" "$h_p50" "$h_p99"
awk -v g="$g_rps" -v h="$h_rps" 'BEGIN { printf "ratio GET-by-id / healthz throughput: %.2f\n", (h > 0 ? g / h : 0) }'
