#!/usr/bin/env bash
# Benchmark: the managed accounts CSV export (GET /admin/organizations/<org>/exports/managed-accounts)
# of N managed accounts, and scimd's memory while it streams the file.
#
#   bench/exports.sh [N]      N managed accounts to seed (default 100000; or env N)
#
# Starts everything it needs and stops it all at the end (bench/lib.sh). Seeds with SQL: N
# accounts claimed by the organization (a tenth enrolled in two-step verification), two
# policies (the default and an SSO one holding every fifth account), three sites, every account
# a member of the first with one product granted directly, every third one reaching a product
# of the second through an admin-kept group. Then downloads the export once with curl while
# sampling scimd's /proc/<pid>/status every 20 ms, and prints the time, rows/s, the file size,
# and scimd's resident memory idle before the export, its peak during it, and VmHWM (the peak
# since start). The export is streamed in 500-row chunks from a server-side cursor, so the peak
# stays near the idle figure however large the file (docs/exports.md).
#
# Environment: N, SCIMD_BINARY (skip the build and use this binary), SCIMD_ARGS, JOBS.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_init exports 100000 "${1:-}"
bench_build
bench_start

"$scimd" admin-token --db "$dsn" --org bench >"$work/admin.json"
org=$(sed -n 's/.*"organization_id"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/admin.json")
admin_token=$(sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/admin.json")
[[ -n "$org" && -n "$admin_token" ]] || die "unexpected admin-token output: $(cat "$work/admin.json")"

say "seeding $n managed accounts"
bench_psql -v org="$org" -v n="$n" -f "$root/bench/admin_seed.sql"
bench_psql -qc "VACUUM ANALYZE"

rss_kb() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$scimd_pid/status"; }

# One small export first, so that the idle figure includes what any first request allocates.
curl -ksf -o /dev/null -H "Authorization: Bearer $admin_token" "$base_url/admin/organizations/$org/policies"
idle_kb=$(rss_kb VmRSS)

peak_file="$work/peak"
echo "$idle_kb" >"$peak_file"
sample() {
    local peak="$idle_kb" now
    while [[ -e "$work/sampling" ]]; do
        now=$(rss_kb VmRSS)
        (( now > peak )) && peak=$now && echo "$peak" >"$peak_file"
        sleep 0.02
    done
}
touch "$work/sampling"
sample &
sampler=$!

say "downloading the export"
started=$(date +%s.%N)
curl -ksf -o "$work/export.csv" -w '%{http_code} %{size_download}\n' -H "Authorization: Bearer $admin_token" \
    "$base_url/admin/organizations/$org/exports/managed-accounts" >"$work/curl.out"
ended=$(date +%s.%N)
rm -f "$work/sampling"
wait "$sampler"

read -r status bytes <"$work/curl.out"
[[ "$status" == 200 ]] || die "the export answered $status"
rows=$(( $(wc -l <"$work/export.csv") - 1 ))
[[ "$rows" == "$n" ]] || die "the export has $rows rows, expected $n"
peak_kb=$(cat "$peak_file")
hwm_kb=$(rss_kb VmHWM)
seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f", b - a }')

echo "managed accounts export: $rows rows, $(( bytes / 1024 )) KiB in ${seconds} s" \
     "($(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }') rows/s)"
echo "scimd resident memory: idle $(( idle_kb / 1024 )) MiB, peak during the export $(( peak_kb / 1024 )) MiB" \
     "(+$(( (peak_kb - idle_kb) / 1024 )) MiB for a $(( bytes / 1024 / 1024 )) MiB file), VmHWM $(( hwm_kb / 1024 )) MiB"
head -n 3 "$work/export.csv" | sed 's/^/  /'
bench_scimd_warnings
