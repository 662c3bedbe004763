#!/usr/bin/env bash
# Benchmark: how much database work one request costs — SQL statements (PostgreSQL's
# log_statement = all: every statement the server ran, BEGIN, COMMIT and DEALLOCATE included;
# pg_stat_statements for the breakdown) and round trips to PostgreSQL (scimd's sendto() calls on
# its database sockets, under strace) — for the requests identity providers send most. Counts, not timings: the same binary gives
# the same figures on any machine, so two builds can be compared exactly.
#
#   bench/statements.sh                    measures build-run/scimd (or $SCIMD_BINARY)
#   BASELINE_BINARY=old/scimd bench/statements.sh
#                                          also measures that binary first, in its own cluster,
#                                          and prints both side by side
#
# Starts everything it needs (bench/lib.sh) with pg_stat_statements loaded, seeds users and
# groups through the API, then for each kind of request: resets the statistics, attaches
# strace to scimd, sends K requests one after another on one keep-alive connection, and
# divides. A statement is one "statement:" or "execute" line of the server log; a round trip
# is one send on a database socket (libpq writes each message batch with one send and then
# waits for the answer).
#
# Environment: K (requests per kind, 100), SEED_USERS (400), SEED_GROUPS (60), SCIMD_BINARY,
# BASELINE_BINARY, SCIMD_ARGS, JOBS.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
k="${K:-100}"
seed_users="${SEED_USERS:-400}"
seed_groups="${SEED_GROUPS:-60}"
command -v strace >/dev/null || die "strace is missing (apt-get install strace)"

kinds=(get_user filter_user list_groups patch_group post_user)
declare -A label
label[get_user]="GET /Users/{id}"
label[filter_user]="GET /Users?filter=userName eq …"
label[list_groups]="GET /Groups?count=50"
label[patch_group]="PATCH /Groups/{id} (add one member)"
label[post_user]="POST /Users"

if [[ -n "${BASELINE_BINARY:-}" ]]; then
    baseline_out=$(mktemp /tmp/scimd-bench-baseline.XXXXXX)
    say "measuring the baseline $BASELINE_BINARY"
    SCIMD_BINARY="$BASELINE_BINARY" BASELINE_BINARY="" bash "$root/bench/statements.sh" >"$baseline_out"
fi

bench_init statements "$seed_users" "$seed_users"
bench_build
export SCIMD_PG_CONF="shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
pg_stat_statements.track_utility = on
log_statement = 'all'"
# No periodic sweep inside a measurement.
SCIMD_ARGS="${SCIMD_ARGS:-} --deletion-sweep-seconds 86400"
bench_start
server_log="$(cat "$pg_state/pgdir")/server.log"
bench_psql -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
groups_url="$base_url$base_path/Groups"

# ---- curl configs: one request per entry, all on one keep-alive connection ------------------------
# curl_config METHOD URL [BODY] appends one request to stdout.
curl_entry() {
    printf 'url = "%s"\nrequest = "%s"\ninsecure\nhttp1.1\nsilent\ngloboff\n' "$2" "$1"
    printf 'header = "Authorization: Bearer %s"\nheader = "Content-Type: application/scim+json"\n' "$token"
    [[ $# -lt 3 ]] || printf 'data = "%s"\n' "$(sed 's/\\/\\\\/g; s/"/\\"/g' <<<"$3")"
    printf 'output = "/dev/null"\nwrite-out = "%%{http_code}\\n"\nnext\n'
}
# A config of several entries ends with the last one, not with a `next` that opens an empty one.
end_config() { sed -i '$ d' "$1"; }
user_body() {  # n
    printf '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s@example.com","name":{"givenName":"Bench","familyName":"User %s"},"emails":[{"value":"%s@example.com","type":"work","primary":true}],"active":true}' "$1" "$1" "$1"
}
run_config() {  # file expected-status
    local codes
    codes=$(curl -s -K "$1" || true)
    local good
    good=$(grep -c "^$2\$" <<<"$codes" || true)
    [[ "$good" -eq $(grep -c . <<<"$codes") ]] || die "$1: expected $2 for every request, got: $(sort <<<"$codes" | uniq -c | tr '\n' ' ')"
}

# ---- seed -------------------------------------------------------------------------------------------
say "seeding $seed_users users and $seed_groups groups through the API"
: >"$work/seed.curl"
for i in $(seq 1 "$seed_users"); do curl_entry POST "$users_url" "$(user_body "seed$i")" >>"$work/seed.curl"; done
end_config "$work/seed.curl"
run_config "$work/seed.curl" 201
bench_psql -Atc "SELECT id FROM scim_users WHERE directory_id = '$directory_id' ORDER BY user_name" >"$work/ids"
: >"$work/groups.curl"
for g in $(seq 1 "$seed_groups"); do
    members=$(shuf -n 3 "$work/ids" | sed 's/.*/{"value":"&"}/' | paste -sd,)
    curl_entry POST "$groups_url" "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"group $g\",\"members\":[$members]}" >>"$work/groups.curl"
done
end_config "$work/groups.curl"
run_config "$work/groups.curl" 201
group_id=$(bench_psql -Atc "SELECT id FROM scim_groups WHERE directory_id = '$directory_id' ORDER BY display_name LIMIT 1")
bench_psql -c "VACUUM ANALYZE" >/dev/null

# ---- the requests of each kind -----------------------------------------------------------------------
: >"$work/get_user.curl"; : >"$work/filter_user.curl"; : >"$work/list_groups.curl"; : >"$work/patch_group.curl"; : >"$work/post_user.curl"
shuf -n "$k" "$work/ids" | while read -r id; do curl_entry GET "$users_url/$id" >>"$work/get_user.curl"; done
for i in $(shuf -i 1-"$seed_users" -n "$k"); do
    curl_entry GET "$users_url?filter=userName%20eq%20%22seed$i@example.com%22" >>"$work/filter_user.curl"
done
for _ in $(seq 1 "$k"); do curl_entry GET "$groups_url?count=50" >>"$work/list_groups.curl"; done
bench_psql -Atc "SELECT u.id FROM scim_users u WHERE u.directory_id = '$directory_id' AND NOT EXISTS
                 (SELECT 1 FROM scim_group_members m WHERE m.group_id = '$group_id' AND m.user_id = u.id) LIMIT $k" |
    while read -r id; do
        curl_entry PATCH "$groups_url/$group_id" "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"$id\"}]}]}" >>"$work/patch_group.curl"
    done
for i in $(seq 1 "$k"); do curl_entry POST "$users_url" "$(user_body "new$i")" >>"$work/post_user.curl"; done
for kind in "${kinds[@]}"; do end_config "$work/$kind.curl"; done
declare -A expect=([get_user]=200 [filter_user]=200 [list_groups]=200 [patch_group]=204 [post_user]=201)

# One warm-up request of each kind (first-use costs such as catalog caches are not the point).
for kind in get_user filter_user list_groups; do
    head -n "$(($(grep -n '^next$' "$work/$kind.curl" | head -n1 | cut -d: -f1) - 1))" "$work/$kind.curl" >"$work/warm.curl"
    run_config "$work/warm.curl" 200
done

log_size() { stat -c %s "$server_log"; }
# Statements the server ran between two byte offsets of its log.
statements_between() {  # from to
    tail -c +"$(($1 + 1))" "$server_log" | head -c "$(($2 - $1))" | grep -cE 'LOG:  (statement|execute [^:]*):' || true
}

for kind in "${kinds[@]}"; do
    bench_psql -Atc "SELECT pg_stat_statements_reset()" >/dev/null
    strace -f -qq -e trace=sendto -e signal=none -yy -o "$work/$kind.strace" -p "$scimd_pid" &
    strace_pid=$!
    sleep 1
    from=$(log_size)
    run_config "$work/$kind.curl" "${expect[$kind]}"
    sleep 0.5
    to=$(log_size)
    kill -INT "$strace_pid"
    wait "$strace_pid" 2>/dev/null || true
    statements=$(statements_between "$from" "$to")
    trips=$(grep -c 'sendto([0-9]*<UNIX' "$work/$kind.strace" || true)
    awk -v kind="$kind" -v s="$statements" -v t="$trips" -v k="$k" \
        'BEGIN { printf "RESULT kind=%s statements=%.2f round_trips=%.2f\n", kind, s / k, t / k }'
    bench_psql -Atc "SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 110) FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND query !~* 'pg_stat_statements' ORDER BY calls DESC, query" |
        sed "s/^/STATEMENT kind=$kind /"
done >"$work/results"

if [[ -z "${baseline_out:-}" ]]; then
    # One binary (or the baseline run of another): the raw lines.
    cat "$work/results"
    exit 0
fi

value() {  # file kind field
    sed -n "s/^RESULT kind=$2 .*$3=\([0-9.]*\).*/\1/p" "$1"
}
echo
echo "statements: $k requests of each kind, one keep-alive connection, $seed_users users and $seed_groups groups seeded"
echo "baseline: $BASELINE_BINARY"
echo "this:     ${scimd#"$root"/}"
printf '%-38s %22s %22s\n' request "statements (base → this)" "round trips (base → this)"
for kind in "${kinds[@]}"; do
    printf '%-38s %10s → %-9s %10s → %-9s\n' "${label[$kind]}" \
        "$(value "$baseline_out" "$kind" statements)" "$(value "$work/results" "$kind" statements)" \
        "$(value "$baseline_out" "$kind" round_trips)" "$(value "$work/results" "$kind" round_trips)"
done
echo
echo "statements of this build, per kind (calls over $k requests):"
sed -n 's/^STATEMENT kind=//p' "$work/results"
rm -f "$baseline_out"
