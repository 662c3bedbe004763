#!/usr/bin/env bash
# Benchmark: N user creates (default 1000) as one POST /Bulk against the same N creates as single
# POST /Users — one after the other on one keep-alive connection (what a script or a governance
# tool does without Bulk), and with 32 connections under wrk (bench/creates.lua, as goals.sh
# measures creates) — medians of REPEATS rounds, each with the machine's load at its end. Every
# user is a new one (a round's userNames carry its number); the users are those of goals.sh's
# creates (name, a work email, active).
#
#   bench/bulk.sh [N]
#
# The peer: SCIMMY (the in-memory Node.js server goals.sh runs, installed once into
# SCIMD_PEER_DIR) takes the same N creates as Bulk requests of its own maxOperations each and as
# single POSTs on one connection, when node and npm are there (PEER=0 skips it).
# Environment: N, REPEATS (3), DURATION (wrk, 10s), CONNECTIONS (32), PEER (1), SCIMD_BINARY,
# SCIMD_ARGS, JOBS.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init bulk 1000 "${1:-}"
connections="${CONNECTIONS:-32}"
peer_dir="${SCIMD_PEER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/scimd-bench-peer}"
peer="${PEER:-1}"
if [[ "$peer" == 1 ]] && ! { command -v node && command -v npm; } >/dev/null; then
    say "node or npm is missing: no peer"
    peer=0
fi
bench_build
bench_start

load_now() { cut -d' ' -f1 /proc/loadavg; }
now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# user_json ROUND I: the body of user I of round ROUND (the shape of bench/creates.lua's).
user_json() {
    local name="bulk-$1-$2@example.com"
    printf '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"Bulk","familyName":"User %d"},"emails":[{"value":"%s","type":"work","primary":true}],"active":true}' \
        "$name" "$2" "$name"
}

# bulk_body ROUND FROM TO: one BulkRequest creating users FROM..TO of ROUND.
bulk_body() {
    local i sep=""
    printf '{"schemas":["urn:ietf:params:scim:api:messages:2.0:BulkRequest"],"Operations":['
    for ((i = $2; i <= $3; i++)); do
        printf '%s{"method":"POST","path":"/Users","bulkId":"u%d","data":%s}' "$sep" "$i" "$(user_json "$1" "$i")"
        sep=","
    done
    printf ']}'
}

# singles_config URL TOKEN ROUND FILE: a curl config of N POST /Users, sent in one curl run: one
# after the other on one connection.
singles_config() {
    local i
    for ((i = 1; i <= n; i++)); do
        printf 'url = "%s"\nrequest = "POST"\ninsecure\nhttp1.1\nsilent\nshow-error\n' "$1"
        if [[ -n "$2" ]]; then printf 'header = "Authorization: Bearer %s"\n' "$2"; fi
        printf 'header = "Content-Type: application/scim+json"\n'
        printf 'data = "%s"\n' "$(user_json "$3" "$i" | sed 's/"/\\"/g')"
        printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n'
        if ((i < n)); then echo next; fi
    done >"$4"
}

# post_bulk URL TOKEN FILE OUT: sends one Bulk; prints its milliseconds.
post_bulk() {
    local status t0 t1
    t0=$(now_ms)
    status=$(curl -sS -k --http1.1 -o "$4" -w '%{http_code}' -X POST "$1/Bulk" \
        ${2:+-H "Authorization: Bearer $2"} -H "Content-Type: application/scim+json" --data-binary "@$3")
    t1=$(now_ms)
    [[ "$status" == 200 ]] || die "POST /Bulk answered $status: $(head -c 300 "$4")"
    echo $((t1 - t0))
}

# post_singles CONFIG: N POST /Users on one connection; prints its milliseconds; dies unless all are 201.
post_singles() {
    local t0 t1 created
    t0=$(now_ms)
    created=$(curl -K "$1" | grep -c '^201$' || true)
    t1=$(now_ms)
    [[ "$created" -eq "$n" ]] || die "only $created of $n single POSTs answered 201"
    echo $((t1 - t0))
}

result() {  # name key=value...: one RESULT line into $work/NAME.results, with the load
    echo "RESULT ${*:2} load=$(load_now)" | tee -a "$work/$1.results" >&2
}
median() { bench_median "$work/$1.results" "$2"; }

peer_url=""
peer_max=0
if [[ "$peer" == 1 ]]; then
    if [[ ! -d "$peer_dir/node_modules/scimmy-routers" ]]; then
        say "installing the peer (scimmy 1.3.5, scimmy-routers 1.3.2, express 5) into $peer_dir"
        mkdir -p "$peer_dir"
        (cd "$peer_dir" && npm init -y >/dev/null && npm install --no-audit --no-fund scimmy@1.3.5 scimmy-routers@1.3.2 express@5 >&2)
    fi
    cp "$root/conformance/tried-against/scimmy-server.mjs" "$peer_dir/"
    port=$(free_port)
    (cd "$peer_dir" && PORT="$port" SCIM_TOKEN=peer-token exec node scimmy-server.mjs) >"$work/peer.log" 2>&1 &
    peer_pid=$!
    trap 'kill "$peer_pid" 2>/dev/null || true; bench_cleanup' EXIT
    peer_url="http://127.0.0.1:$port/scim/v2"
    for _ in $(seq 1 100); do
        curl -s -o "$work/peer-spc.json" "$peer_url/ServiceProviderConfig" -H "Authorization: Bearer peer-token" && break
        sleep 0.1
    done
    peer_max=$(python3 -c 'import json, sys; b = json.load(open(sys.argv[1])).get("bulk", {}); print(b.get("maxOperations", 0) if b.get("supported") else 0)' "$work/peer-spc.json")
    [[ "$peer_max" -gt 0 ]] || { say "the peer claims no Bulk support: no peer figures"; peer=0; }
fi

bulk_size=0
for r in $(seq 1 "$repeats"); do
    say "round $r/$repeats: $n creates as one Bulk, as $n single POSTs on one connection, with wrk"
    bulk_body "b$r" 1 "$n" >"$work/bulk.json"
    bulk_size=$(stat -c %s "$work/bulk.json")
    ms=$(post_bulk "$base_url$base_path" "$token" "$work/bulk.json" "$work/bulk-answer.json")
    created=$(grep -o '"status":"201"' "$work/bulk-answer.json" | wc -l)
    [[ "$created" -eq "$n" ]] || die "the Bulk created $created of $n users: $(head -c 300 "$work/bulk-answer.json")"
    result bulk "ms=$ms"
    singles_config "$base_url$base_path/Users" "$token" "s$r" "$work/singles.curl"
    result singles "ms=$(post_singles "$work/singles.curl")"
    wrk_script="$root/bench/creates.lua"
    bench_wrk create "$duration" "$token" "$base_path/Users" | sed "s/\$/ load=$(load_now)/" | tee -a "$work/create.results" >&2
    if [[ "$peer" == 1 ]]; then
        t0=$(now_ms)
        for ((from = 1; from <= n; from += peer_max)); do
            to=$((from + peer_max - 1 < n ? from + peer_max - 1 : n))
            bulk_body "pb$r" "$from" "$to" >"$work/peer-bulk.json"
            post_bulk "$peer_url" peer-token "$work/peer-bulk.json" "$work/peer-answer.json" >/dev/null
            created=$(grep -o '"status":"201"' "$work/peer-answer.json" | wc -l)
            [[ "$created" -eq $((to - from + 1)) ]] || die "the peer's Bulk created $created of $((to - from + 1)): $(head -c 300 "$work/peer-answer.json")"
        done
        result peer_bulk "ms=$(($(now_ms) - t0))"
        singles_config "$peer_url/Users" peer-token "ps$r" "$work/peer-singles.curl"
        result peer_singles "ms=$(post_singles "$work/peer-singles.curl")"
    fi
done

b=$(median bulk ms)
s=$(median singles ms)
c=$(median create rps)
w=$(awk -v n="$n" -v r="$c" 'BEGIN { printf "%.0f", (r > 0 ? 1000 * n / r : 0) }')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
per_second() { awk -v n="$n" -v m="$1" 'BEGIN { printf "%.0f", (m > 0 ? 1000 * n / m : 0) }'; }
echo
echo "$n user creates, median of $repeats rounds; the Bulk body is $bulk_size bytes"
printf '%-52s %10s %12s %s\n' "" "ms" "creates/s" "load"
printf '%-52s %10s %12s %s\n' "one POST /Bulk" "$b" "$(per_second "$b")" "$(median bulk load)"
printf '%-52s %10s %12s %s\n' "$n POST /Users, one keep-alive connection" "$s" "$(per_second "$s")" "$(median singles load)"
printf '%-52s %10s %12s %s\n' "POST /Users, $connections connections (wrk; ms for $n)" "$w" "$c" "$(median create load)"
echo "Bulk vs one connection: $(ratio "$s" "$b")x faster; vs $connections connections: $(ratio "$w" "$b")x"
if [[ "$peer" == 1 ]]; then
    pb=$(median peer_bulk ms)
    ps=$(median peer_singles ms)
    printf '%-52s %10s %12s %s\n' "SCIMMY: Bulk requests of $peer_max operations" "$pb" "$(per_second "$pb")" "$(median peer_bulk load)"
    printf '%-52s %10s %12s %s\n' "SCIMMY: $n POST /Users, one connection" "$ps" "$(per_second "$ps")" "$(median peer_singles load)"
    echo "SCIMMY Bulk vs its single POSTs: $(ratio "$ps" "$pb")x; scimd Bulk vs SCIMMY Bulk: $(ratio "$pb" "$b")x"
fi
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
bench_scimd_warnings
