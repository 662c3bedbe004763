#!/usr/bin/env bash
# A longer run of the fuzz targets than CI's (docs/fuzzing.md "Longer runs"): each target for
# RUNS executions, one after another, on its committed seeds and the dictionary CTest gives it;
# then, when REPLAY_BUILD names a build with the sanitizers (build-asan), every input the run
# kept is executed once more by that build's target. Prints a table: executions, exec/s,
# coverage, kept inputs, crashes, and the replay's verdict.
#
#   fuzz/long_run.sh BUILD_DIR OUT_DIR [TARGET...]     (default: every target of BUILD_DIR)
#
# Environment: RUNS (10500000), REPLAY_BUILD (none). BUILD_DIR is a SCIMD_FUZZ=ON build; a
# Release one without ASan runs many times faster, the replay then adds ASan's checks.
# Exits 1 when a target crashed or a replay failed.
set -uo pipefail

build="$(cd "$1" && pwd)"
out="$2"
shift 2
source_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
runs="${RUNS:-10500000}"
replay="${REPLAY_BUILD:-}"
mkdir -p "$out/artifacts"

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    mapfile -t targets < <(cut -d' ' -f1 "$build/fuzz/targets.txt")
fi

status=0
rows=()
for target in "${targets[@]}"; do
    read -r -a options < <(grep "^$target " "$build/fuzz/targets.txt" | cut -d' ' -f2-)
    corpus="$out/corpus/$target"
    mkdir -p "$corpus"
    started=$SECONDS
    "$build/fuzz/${target}_fuzz" -runs="$runs" -timeout=10 -print_final_stats=1 "${options[@]}" \
        -artifact_prefix="$out/artifacts/$target-" "$corpus" "$source_dir/corpus/$target" \
        >"$out/$target.log" 2>&1
    code=$?
    seconds=$((SECONDS - started))
    executed=$(grep -a 'stat::number_of_executed_units' "$out/$target.log" | awk '{print $2}')
    per_second=$(grep -a 'stat::average_exec_per_sec' "$out/$target.log" | awk '{print $2}')
    coverage=$(grep -aE '^#[0-9]+' "$out/$target.log" | tail -1 | sed -nE 's/.* cov: ([0-9]+) .*/\1/p')
    kept=$(find "$corpus" -type f | wc -l)
    crashes=$(find "$out/artifacts" -name "$target-*" -type f | wc -l)
    [[ $code -eq 0 && $crashes -eq 0 ]] || status=1
    verdict="-"
    if [[ -n "$replay" ]]; then
        if "$replay/fuzz/${target}_fuzz" -runs=0 "${options[@]}" "$corpus" >"$out/$target.replay.log" 2>&1; then
            verdict="clean ($kept inputs)"
        else
            verdict="FAILED (see $target.replay.log)"
            status=1
        fi
    fi
    rows+=("| $target | ${executed:-?} | ${seconds} s | ${per_second:-?} | ${coverage:-?} | $kept | $crashes | $verdict |")
done

echo "| target | executions | time | exec/s | coverage (edges) | inputs kept | crashes | sanitizer replay |"
echo "|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit $status
