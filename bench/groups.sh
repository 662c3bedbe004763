#!/usr/bin/env bash
# Benchmark: what identity providers do to one group (add a member, remove a member, read the
# group without its members, check one membership), at 10, 10 000 and 100 000 members. The
# question it answers: does a single-member change cost the same in a group of 100 000 as in a
# group of 10? (Target: p50 latency ratio 100 000 / 10 at most 1.5 for add and remove.)
#
#   bench/groups.sh           (no arguments: the sizes are fixed)
#
# Starts everything it needs and stops it all at the end (bench/lib.sh): a throwaway PostgreSQL
# cluster, a Release scimd on a free loopback port (HTTPS), one directory. Seeds users with SQL
# (bench/query_seed.sql): users 1..100 000 are the members, users 100 001.. the "pool" that is
# in no group, which the add and remove requests use. Creates three groups with POST /Groups
# and fills them with SQL (users 1..10, 1..10 000, 1..100 000; the triggers of
# schemas/sql/004_groups.sql keep member_count). Checks each operation once with curl, then
# runs wrk over HTTPS keep-alive with bench/groups.lua, REPEATS rounds of every operation at
# every size (rounds outermost, so that whatever else the machine does falls on all sizes
# alike, and each round starting with another size), and prints medians, the 100 000 / 10
# ratios and a consistency check of the groups. Any failed answer is reported loudly and makes
# the script exit 1. See bench/README.md for how to read the figures.
#
# Environment: CONNECTIONS (wrk -c, 16; wrk -t is the same, see below), DURATION (wrk -d,
# 10s), REPEATS (3), WRK_TIMEOUT (5s), WARMUP (wrk -d of the one warm-up run per operation and
# size, 2s), POOL (users in no group, 20000), SCIMD_BINARY (skip the build and use this binary),
# SCIMD_ARGS (extra `scimd serve` options), JOBS (build parallelism, 2). THREADS and N are
# ignored.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 0 ]] || { echo "usage: bench/groups.sh  (no arguments; the group sizes are 10, 10000 and 100000)" >&2; exit 2; }
sizes=(10 10000 100000)
largest=${sizes[-1]}
bench_init groups "$largest" "$largest"
pool="${POOL:-20000}"
warmup="${WARMUP:-2s}"
[[ "$pool" =~ ^[1-9][0-9]*$ ]] || die "POOL must be a positive number"
# groups.lua times every request itself, from request() to response(), and sends each remove
# only after the add of the same user was answered: both need one request in flight per wrk
# thread, so one connection per thread.
threads="$connections"
[[ "$pool" -ge "$threads" ]] || die "POOL must be at least CONNECTIONS (every wrk thread needs users of its own)"
wrk_script="$root/bench/groups.lua"
bench_build
bench_start
groups_url="$base_url$base_path/Groups"
auth=(-H "Authorization: Bearer $token" -H "Content-Type: application/scim+json")

# ---- seed users with SQL -----------------------------------------------------------------------
users_total=$((largest + pool))
say "seeding $users_total users with SQL ($largest possible members and a pool of $pool)"
seed_start=$(date +%s.%N)
batch=100000
for ((lo = 1; lo <= users_total; lo += batch)); do
    hi=$((lo + batch - 1 < users_total ? lo + batch - 1 : users_total))
    # query_seed.sql draws a department per user from this list; nothing here filters on it.
    bench_psql -v dir="$directory_id" -v lo="$lo" -v hi="$hi" -v depts='{"Engineering","Sales"}' -f bench/query_seed.sql
done
users=$(bench_psql -Atc "SELECT count(*) FROM scim_users WHERE directory_id = '$directory_id'")
[[ "$users" -eq "$users_total" ]] || die "seeding left $users users instead of $users_total"
seed_end=$(date +%s.%N)

# ---- the groups: created through the API (so their rows are what scimd stores), filled with SQL --
# User number i is external_id "ext-<i>" (query_seed.sql).
user_number="CAST(substr(u.external_id, 5) AS integer)"
declare -A gid
for size in "${sizes[@]}"; do
    status=$(curl -sS -k --http1.1 "${auth[@]}" -o "$work/reply.body" -w '%{http_code}' "$groups_url" \
        -d "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"bench-$size\"}") || true
    [[ "$status" == 201 ]] || die "POST /Groups bench-$size: HTTP $status $(head -c 600 "$work/reply.body")"
    gid[$size]=$(bench_psql -Atc "SELECT id FROM scim_groups WHERE directory_id = '$directory_id' AND display_name = 'bench-$size'")
    [[ -n "${gid[$size]}" ]] || die "group bench-$size not found after POST /Groups"
    # One statement: the statement trigger adds $size to member_count once.
    bench_psql -c "INSERT INTO scim_group_members (group_id, user_id)
                   SELECT '${gid[$size]}', u.id FROM scim_users u
                   WHERE u.directory_id = '$directory_id' AND $user_number <= $size"
done
# The pool, as a table for the clean-up between runs and as a file for groups.lua.
bench_psql -c "CREATE TABLE bench_pool AS SELECT u.id FROM scim_users u
               WHERE u.directory_id = '$directory_id' AND $user_number > $largest;
               ALTER TABLE bench_pool ADD PRIMARY KEY (id)"
bench_psql -Atc "SELECT id FROM bench_pool ORDER BY id" >"$work/pool"
[[ $(wc -l <"$work/pool") -eq "$pool" ]] || die "the pool holds $(wc -l <"$work/pool") users instead of $pool"
members_end=$(date +%s.%N)
say "VACUUM ANALYZE"
bench_psql -c "VACUUM ANALYZE"
vacuum_end=$(date +%s.%N)
for size in "${sizes[@]}"; do
    count=$(bench_psql -Atc "SELECT member_count FROM scim_groups WHERE id = '${gid[$size]}'")
    [[ "$count" -eq "$size" ]] || die "group bench-$size has member_count $count after seeding"
    # What the membership check draws from: up to 10 000 random members of the group.
    bench_psql -Atc "SELECT user_id FROM scim_group_members WHERE group_id = '${gid[$size]}' ORDER BY random() LIMIT 10000" >"$work/members.$size"
done
seed_rate=$(awk -v n="$users_total" -v a="$seed_start" -v b="$seed_end" 'BEGIN { printf "%.0f", n / (b - a) }')
members_secs=$(awk -v a="$seed_end" -v b="$members_end" 'BEGIN { printf "%.1f", b - a }')
vacuum_secs=$(awk -v a="$members_end" -v b="$vacuum_end" 'BEGIN { printf "%.1f", b - a }')
say "seeded $users_total users ($seed_rate users/s), groups and members in $members_secs s, VACUUM ANALYZE $vacuum_secs s"

# ---- helpers -----------------------------------------------------------------------------------
version_of() {  # size
    bench_psql -Atc "SELECT version FROM scim_groups WHERE id = '${gid[$1]}'"
}
# Takes the pool users out of a group again (a run ends after some adds whose removes never
# came); the statement trigger keeps member_count exact. Prints how many there were.
remove_pool_members() {  # size
    bench_psql -Atc "WITH d AS (DELETE FROM scim_group_members m USING bench_pool p
                     WHERE m.group_id = '${gid[$1]}' AND m.user_id = p.id RETURNING 1) SELECT count(*) FROM d"
}
# wrk stops with a request in flight on each connection, which scimd still finishes: wait for
# them before reading the group.
settle() { sleep 0.5; }

# curl of one request; writes $work/reply.body, prints the HTTP status.
call() {  # method url [body]
    local body=()
    [[ $# -lt 3 ]] || body=(-d "$3")
    curl -g -sS -k --http1.1 "${auth[@]}" -X "$1" "${body[@]}" -o "$work/reply.body" -w '%{http_code}' "$2" || true
}
total_results() { grep -o '"totalResults":[0-9]*' "$work/reply.body" | head -n1 | cut -d: -f2 || true; }
member_count_shown() { grep -o '"memberCount":[0-9]*' "$work/reply.body" | head -n1 | cut -d: -f2 || true; }
is_member() {  # size user
    bench_psql -Atc "SELECT count(*) FROM scim_group_members WHERE group_id = '${gid[$1]}' AND user_id = '$2'"
}
call_check() {  # size user: the membership check; prints the HTTP status
    curl -sS -k --http1.1 "${auth[@]}" -G --data-urlencode "filter=id eq \"${gid[$1]}\" and members[value eq \"$2\"]" \
        --data-urlencode excludedAttributes=members -o "$work/reply.body" -w '%{http_code}' "$groups_url" || true
}
patch_body() {  # op user
    if [[ "$1" == add ]]; then
        echo "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"$2\"}]}]}"
    else
        echo "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"$2\\\"]\"}]}"
    fi
}

# ---- every operation once with curl: the measurement below is only worth it if these hold --------
say "each operation once with curl"
for size in "${sizes[@]}"; do
    u=$(sed -n "$(( (RANDOM % pool) + 1 ))p" "$work/pool")
    m=$(shuf -n1 "$work/members.$size")
    s_add=$(call PATCH "$groups_url/${gid[$size]}" "$(patch_body add "$u")")
    in_after_add=$(is_member "$size" "$u")
    s_get=$(call GET "$groups_url/${gid[$size]}?excludedAttributes=members")
    shown=$(member_count_shown)
    grep -q '"members"' "$work/reply.body" && shown="$shown, WITH members"
    s_check=$(call_check "$size" "$u")
    t_check=$(total_results)
    s_check_m=$(call_check "$size" "$m")
    t_check_m=$(total_results)
    s_remove=$(call PATCH "$groups_url/${gid[$size]}" "$(patch_body remove "$u")")
    in_after_remove=$(is_member "$size" "$u")
    s_check2=$(call_check "$size" "$u")
    t_check2=$(total_results)
    line="bench-$size: add $s_add (member: $in_after_add), GET $s_get (memberCount $shown), check $s_check (totalResults $t_check),"
    line+=" check of a seeded member $s_check_m (totalResults $t_check_m), remove $s_remove (member: $in_after_remove), check $s_check2 (totalResults $t_check2)"
    say "  $line"
    [[ "$s_add/$in_after_add/$s_get/$shown/$s_check/$t_check/$s_check_m/$t_check_m/$s_remove/$in_after_remove/$s_check2/$t_check2" == \
       "204/1/200/$((size + 1))/200/1/200/1/204/0/200/0" ]] ||
        die "bench-$size does not answer as expected (204/member 1/200/memberCount $((size + 1))/200/1/200/1/204/member 0/200/0): $line"
done

# ---- wrk -----------------------------------------------------------------------------------------
ops=(add remove get check)
declare -A label
label[add]="add member (PATCH)"
label[remove]="remove member (PATCH)"
label[get]="GET group, no members"
label[check]="membership check"
modes=(patch get check)
declare -A changed answered   # per size: version increments and 2xx answers of the PATCH runs
for size in "${sizes[@]}"; do
    changed[$size]=0
    answered[$size]=0
    for op in "${ops[@]}"; do : >"$work/$size.$op.results"; done
done
mode_args() {  # mode size
    case "$1" in
        patch) args=(patch "$base_path/Groups" "${gid[$2]}" "$work/pool" "$threads") ;;
        get) args=(get "$base_path/Groups" "${gid[$2]}") ;;
        check) args=(check "$base_path/Groups" "${gid[$2]}" "$work/members.$2") ;;
    esac
}
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
# One wrk run; appends its RESULT lines to the per-operation files. A PATCH run also compares
# the group's version increments (one per member statement that changed something) with the
# answers: fewer increments than 2xx answers would mean adds or removes that changed nothing,
# a measurement of no-ops. (A few more are the requests still in flight when wrk stopped.)
run() {  # label duration mode size [record]
    local v0 v1 out op
    mode_args "$3" "$4"
    [[ "$3" != patch ]] || v0=$(version_of "$4")
    out=$(bench_wrk "$1" "$2" "$token" "${args[@]}")
    [[ -z "${5:-}" ]] || echo "$out" >&2
    if [[ "$3" == patch ]]; then
        settle
        v1=$(version_of "$4")
        remove_pool_members "$4" >/dev/null
        if [[ -n "${5:-}" ]]; then
            changed[$4]=$((changed[$4] + v1 - v0))
            for op in add remove; do
                local line
                line=$(grep " op=$op " <<<"$out")
                answered[$4]=$((answered[$4] + $(field "$line" requests) - $(field "$line" non2xx)))
            done
        fi
    fi
    [[ -z "${5:-}" ]] && return 0
    for op in "${ops[@]}"; do
        grep " op=$op " <<<"$out" >>"$work/$4.$op.results" || true
    done
}

say "warm-up ($warmup per operation and size)"
for size in "${sizes[@]}"; do
    for mode in "${modes[@]}"; do
        run "warm-up $mode $size" "$warmup" "$mode" "$size"
        cp "$work/sample" "$work/$mode.$size.sample"
    done
done
for r in $(seq 1 "$repeats"); do
    # Each round starts with another size, so that no size is always the one measured first.
    first=$(((r - 1) % ${#sizes[@]}))
    for size in "${sizes[@]:first}" "${sizes[@]:0:first}"; do
        for mode in "${modes[@]}"; do
            say "run $r/$repeats: $mode, $size members"
            run "$mode $size" "$duration" "$mode" "$size" record
        done
    done
done

# ---- the table -----------------------------------------------------------------------------------
sum() {  # file field
    sed -n "s/.* $2=\([0-9]*\).*/\1/p" "$1" | awk '{ s += $1 } END { print s + 0 }'
}
echo
echo "groups: $users_total users seeded with SQL ($seed_rate users/s), groups of ${sizes[0]}, ${sizes[1]} and ${sizes[2]} members; wrk -t$threads -c$connections"
echo "-d$duration (one connection per thread) over HTTPS keep-alive, medians of $repeats runs; ${scimd#"$root"/} and"
echo "PostgreSQL and wrk sharing $(nproc) cores. add and remove alternate in one run (each gets half of its requests)."
printf '%-24s %8s %11s %8s %8s %8s %8s %8s %6s\n' operation members "requests/s" "p50 ms" "p99 ms" "max ms" "non-2xx" sockerr wrong
failed=()
declare -A p50
for op in "${ops[@]}"; do
    for size in "${sizes[@]}"; do
        f="$work/$size.$op.results"
        p50[$op.$size]=$(bench_median "$f" p50_ms)
        non2xx=$(sum "$f" non2xx)
        sockerr=$(sum "$f" socket_errors)
        wrong=$(sum "$f" wrong)
        printf '%-24s %8d %11.0f %8.2f %8.2f %8.0f %8d %8d %6d\n' "${label[$op]}" "$size" "$(bench_median "$f" rps)" \
            "${p50[$op.$size]}" "$(bench_median "$f" p99_ms)" "$(bench_median "$f" max_ms)" "$non2xx" "$sockerr" "$wrong"
        [[ $non2xx -eq 0 && $sockerr -eq 0 && $wrong -eq 0 ]] || failed+=("$op.$size")
    done
done
echo
echo "p50 latency ratio, ${sizes[-1]} members / ${sizes[0]} members (target for add and remove: <= 1.5):"
for op in "${ops[@]}"; do
    awk -v l="${label[$op]}" -v a="${p50[$op.${sizes[-1]}]}" -v b="${p50[$op.${sizes[0]}]}" -v target="$([[ $op == add || $op == remove ]] && echo 1 || echo 0)" 'BEGIN {
        r = (b > 0 ? a / b : 0)
        printf "  %-24s %6.2f   %s\n", l, r, (target ? (r <= 1.5 ? "met" : "NOT MET") : "(no target)")
    }'
done
echo
echo "requests (u: a pool user, in no group; m: a random seeded member of the group):"
printf '  %-24s %s\n' "${label[add]}" "PATCH /Groups/{id}  {\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u\"}]}"
printf '  %-24s %s\n' "${label[remove]}" "PATCH /Groups/{id}  {\"op\":\"remove\",\"path\":\"members[value eq \\\"u\\\"]\"}  (the u just added)"
printf '  %-24s %s\n' "${label[get]}" "GET /Groups/{id}?excludedAttributes=members"
printf '  %-24s %s\n' "${label[check]}" "GET /Groups?filter=id eq \"{id}\" and members[value eq \"m\"]&excludedAttributes=members"

# ---- consistency: the counts the triggers keep, and PATCHes that really changed something ---------
echo
echo "consistency after the runs (pool users removed again):"
printf '  %-14s %12s %10s %10s %10s %12s   %s\n' group member_count "count(*)" expected "PATCH 2xx" "version +" ""
broken=0
for size in "${sizes[@]}"; do
    remove_pool_members "$size" >/dev/null
    read -r kept counted < <(bench_psql -At -F ' ' -c "SELECT g.member_count, (SELECT count(*) FROM scim_group_members m WHERE m.group_id = g.id)
                                                    FROM scim_groups g WHERE g.id = '${gid[$size]}'")
    verdict=ok
    if [[ "$kept" -ne "$counted" || "$counted" -ne "$size" ]]; then
        verdict="WRONG: member_count, count(*) and the seeded size must agree"
    elif [[ "${changed[$size]}" -lt "${answered[$size]}" ]]; then
        verdict="WRONG: fewer version increments than 2xx PATCH answers, some adds or removes changed nothing"
    fi
    [[ "$verdict" == ok ]] || broken=1
    printf '  %-14s %12d %10d %10d %10d %12d   %s\n' "bench-$size" "$kept" "$counted" "$size" "${answered[$size]}" "${changed[$size]}" "$verdict"
done

# ---- failures: loud, with one failing answer -------------------------------------------------------
if [[ ${#failed[@]} -gt 0 || $broken -ne 0 ]]; then
    bar='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
    echo
    echo "$bar"
    [[ $broken -eq 0 ]] || echo "!!! WARNING: the consistency check above failed: the groups are not what the runs assumed."
    for key in "${failed[@]}"; do
        op="${key%%.*}"
        size="${key#*.}"
        f="$work/$size.$op.results"
        echo "!!! ${label[$op]}, $size members: $(sum "$f" non2xx) answers outside 2xx, $(sum "$f" socket_errors) socket errors" \
             "(of the whole run) and $(sum "$f" wrong) checks without totalResults 1 in $(sum "$f" requests) requests"
    done
    if [[ ${#failed[@]} -gt 0 ]]; then
        echo "!!! their lines above measure errors, not operations. One sample of each operation, replayed:"
        for size in "${sizes[@]}"; do
            for mode in "${modes[@]}"; do
                read -r method path body <"$work/$mode.$size.sample"
                status=$(call "$method" "$base_url$path" "${body:-}")
                echo "!!!   $method $path ${body:-} -> HTTP $status $(head -c 300 "$work/reply.body")"
                [[ "$mode" != patch ]] || remove_pool_members "$size" >/dev/null
            done
        done
    fi
    bench_scimd_warnings
    echo "$bar"
    bench_no_log_tail=1
    exit 1
fi
