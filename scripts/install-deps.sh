#!/usr/bin/env bash
# Installs what building, testing and benchmarking scimd needs, from Debian bookworm's
# packages. Installs only what is missing, so a second run is quick and needs no network.
# Works as root (as in CI) or as a user with sudo; never asks questions.
set -euo pipefail

# clang and libclang-rt-14-dev: the sanitizer build and libFuzzer (docs/fuzzing.md); llvm: its
# llvm-symbolizer, which names functions and lines in sanitizer reports. libcurl4-openssl-dev:
# SMTP for the mail sender; python3-aiosmtpd: the SMTP server the mail tests send to
# (docs/mail.md). haproxy, pgbouncer, prometheus (its promtool) and docker-compose: the deployment
# tests (tests/deploy/, docs/operations.md) start the first two as processes, check /metrics with
# promtool and validate docker-compose.yml. chromium and nodejs: the console's browser tests
# (tests/console/, docs/console.md) drive Debian's chromium with playwright-core, which needs
# node 20 or later (NodeSource's nodejs package, which brings npm; Debian bookworm's is 18 and
# scripts/test.sh says so); scripts/test.sh installs their npm packages.
packages=(
    build-essential cmake ninja-build pkg-config ccache clang libclang-rt-14-dev llvm
    libboost1.81-dev libboost-json1.81-dev libsoci-dev libssl-dev libpq-dev libgtest-dev
    libcurl4-openssl-dev python3-aiosmtpd
    postgresql postgresql-contrib
    wrk ca-certificates curl openssl dnsmasq-base
    haproxy pgbouncer prometheus docker-compose
    chromium nodejs
)

missing=()
for p in "${packages[@]}"; do
    # "install ok installed" is dpkg's word for a package that is fully there.
    if [[ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)" != "install ok installed" ]]; then
        missing+=("$p")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-deps: all ${#packages[@]} packages present" >&2
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo -n)
    sudo -n true 2>/dev/null || as_root=(sudo)
else
    echo "install-deps: missing packages (${missing[*]}) and neither root nor sudo available" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
# Debian's postgresql package would start and enable a cluster of its own (main, port 5432);
# scimd's scripts run private clusters instead, so tell invoke-rc.d not to start services
# during this install (policy-rc.d exit 101: "action forbidden"). Restored afterwards.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod 755 "$policy"
    added_policy=1
fi
cleanup() { if [[ $added_policy -eq 1 ]]; then "${as_root[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" </dev/null
echo "install-deps: done" >&2
