#!/usr/bin/env bash
# README command 2: builds scimd and runs every test twice, the second time built by Clang
# under AddressSanitizer + UndefinedBehaviorSanitizer, together with the fuzz targets.
#
#   build/       GCC, RelWithDebInfo                      ctest --test-dir build
#   build-asan/  Clang, RelWithDebInfo + ASan/UBSan,      ctest --test-dir build-asan
#                fuzz targets (SCIMD_FUZZ, docs/fuzzing.md)
#
# The sanitizer run includes each fuzz target for SCIMD_FUZZ_SECONDS (CTest label `fuzz`;
# CTest's label summary says how long they took in all).
# Tests that need PostgreSQL get a throwaway cluster from CTest's `postgres` fixture
# (tests/support/pg_cluster.sh), so nothing needs to be running beforehand.
# Exits non-zero when either run fails. The last line printed is CTest's own summary of the
# sanitizer run: nothing is printed after it.
#
# The console's browser tests (CTest label `browser`) run in the plain run only; CTest's label
# summary says how long they took.
#
# Environment: JOBS (build parallelism, default 2), SCIMD_SKIP_ASAN=1 (plain run only),
# SCIMD_ASAN_BROWSER_TESTS=1 (the browser tests in the sanitizer run too),
# SCIMD_SKIP_DEPS=1 (do not check/install Debian packages).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs="${JOBS:-2}"

# Each stage says how long it took and how long the run has taken so far (CI's budget).
started=$SECONDS
stage_started=$SECONDS
stage() {
    echo "==> [$((SECONDS - stage_started)) s for the last stage, $((SECONDS - started)) s in all] $*" >&2
    stage_started=$SECONDS
}

if [[ "${SCIMD_SKIP_DEPS:-0}" != 1 ]]; then
    stage "installing dependencies"
    bash scripts/install-deps.sh || { echo "test.sh: installing dependencies failed" >&2; exit 1; }
fi

# The console's browser tests (tests/console/) need playwright-core and axe-core from npm, at
# the versions package-lock.json pins. `npm ci` runs only when the lock file changed since the
# last install, so a second run needs no network; its time is printed (CI's budget).
install_console_test_packages() {
    local dir=tests/console
    local node_major
    node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [[ $node_major -lt 20 ]] || ! command -v npm >/dev/null 2>&1; then
        echo "test.sh: the console's browser tests need node >= 20 and npm (NodeSource's nodejs); they will fail" >&2
        return 1
    fi
    if cmp -s "$dir/package-lock.json" "$dir/node_modules/.scimd-installed-lock"; then
        echo "test.sh: npm packages of $dir are installed already (package-lock.json unchanged)" >&2
        return 0
    fi
    local npm_started=$SECONDS
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=warn || return 1
    cp "$dir/package-lock.json" "$dir/node_modules/.scimd-installed-lock"
    echo "test.sh: npm ci in $dir took $((SECONDS - npm_started)) s" >&2
}

stage "npm packages of the browser tests (tests/console)"
install_console_test_packages || echo "test.sh: installing the browser tests' npm packages failed" >&2

configure_and_build() {
    local dir="$1"; shift
    local generator=()
    # Keep whatever generator an existing build folder was made with.
    [[ -f "$dir/CMakeCache.txt" ]] || generator=(-G Ninja)
    stage "configuring $dir"
    cmake -S . -B "$dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCIMD_TESTS=ON "$@" || return 1
    stage "building $dir (-j$jobs)"
    cmake --build "$dir" -j "$jobs" || return 1
}

# LeakSanitizer stops the world with ptrace-like thread suspension, which some sandboxes
# forbid ("LeakSanitizer has encountered a fatal error"). Probe once; leak checking stays on
# wherever it works (it does on this project's machines and CI), and is switched off, loudly,
# only where it cannot run at all.
lsan_works() {
    local probe
    probe=$(mktemp -d /tmp/scimd-lsan-probe.XXXXXX)
    printf 'int main() { return 0; }\n' >"$probe/p.cpp"
    local ok=1
    if clang++ -fsanitize=address "$probe/p.cpp" -o "$probe/p" 2>/dev/null; then
        ASAN_OPTIONS=detect_leaks=1 "$probe/p" >/dev/null 2>&1 || ok=0
    fi
    rm -rf "$probe"
    [[ $ok -eq 1 ]]
}

status=0

if configure_and_build build; then
    stage "ctest (build)"
    ctest --test-dir build --output-on-failure || status=1
else
    echo "test.sh: building build/ failed" >&2
    status=1
fi

if [[ "${SCIMD_SKIP_ASAN:-0}" == 1 ]]; then
    stage "done"
    exit $status
fi

detect_leaks=1
if ! lsan_works; then
    echo "test.sh: LeakSanitizer cannot run in this environment; leak checking is OFF for this run" >&2
    detect_leaks=0
fi
# halt_on_error: the first report fails the test (and a spawned scimd exits non-zero, which
# the e2e harness reports). abort_on_error stays off: abort() would dump core for each report.
export ASAN_OPTIONS="detect_leaks=${detect_leaks}:halt_on_error=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if [[ -f tests/lsan.supp ]]; then
    export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
fi

# CMake cannot move a build folder to another compiler: one configured with GCC (as this
# script once did) starts over.
if [[ -f build-asan/CMakeCache.txt ]] && ! grep -q '^CMAKE_CXX_COMPILER:FILEPATH=.*clang' build-asan/CMakeCache.txt; then
    echo "test.sh: build-asan/ was configured with another compiler; configuring it again with Clang" >&2
    rm -rf build-asan
fi
if CXX=clang++ configure_and_build build-asan -DSCIMD_SANITIZE=ON -DSCIMD_FUZZ=ON; then
    stage "ctest (build-asan, ASAN_OPTIONS=$ASAN_OPTIONS)"
    # The browser tests (label `browser`, tests/console/) run in the plain build only: their time
    # goes to chromium and node, which ASan does not instrument, and the scimd code they reach
    # (console files, sessions, CSRF) runs under ASan in e2e_tests' console_* suites. Running
    # them twice would add minutes to CI's 60 for little; SCIMD_ASAN_BROWSER_TESTS=1 does.
    asan_skip=(-LE browser)
    [[ "${SCIMD_ASAN_BROWSER_TESTS:-0}" == 1 ]] && asan_skip=()
    ctest --test-dir build-asan --output-on-failure "${asan_skip[@]}" || status=1
else
    status=1
    echo "test.sh: building build-asan/ failed"
fi
exit $status
