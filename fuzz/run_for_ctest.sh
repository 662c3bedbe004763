#!/usr/bin/env bash
# How CTest runs a fuzz target (fuzz/CMakeLists.txt): the inputs it finds go to a folder that
# is emptied first, so that every run starts from the committed seeds and lasts as long as it
# is told to, however many runs came before.
#
#   run_for_ctest.sh TARGET WORK_DIR SEED_DIR [libFuzzer options...]
set -euo pipefail
target="$1" work="$2" seeds="$3"
shift 3
rm -rf "$work"
mkdir -p "$work"
exec "$target" "$@" "$work" "$seeds"
