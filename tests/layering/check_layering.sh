#!/usr/bin/env bash
# The layering ARCHITECTURE.md promises (docs/architecture.md "Which way dependencies point"),
# checked on the #include lines and a few names of every source and header:
#
#   soci                      only in src/store/
#   libcurl                   only in src/mail/
#   mail/                     includes core/ only; only service/ (and src/main.cpp) include it
#   Boost.Asio / Boost.Beast  only in src/http/ (and the composition root, src/main.cpp)
#   api/ ↔ admin/             never include each other
#   protocol/, domain/        include no store/, http/, service/, api/ or admin/ header
#   core/                     includes no other module
#   http/                     includes core/ only
#   store/                    includes no http/, service/, api/ or admin/ header
#   service/                  includes no http/, api/ or admin/ header
#   api/, admin/              include no store/ header and name no database session, lease or pool
#   include/scim/<m>/         holds module interfaces: each header is included from outside
#                             src/<m>/ and include/scim/<m>/ (by another module or src/main.cpp)
#
#   check_layering.sh ROOT        checks the tree at ROOT; exits 1 and names each offence
#   check_layering.sh --self-test ROOT
#                                 also proves the check can fail: plants each kind of bad
#                                 include in a copy of ROOT and expects each to be caught
set -uo pipefail

self_test=0
if [[ "${1:-}" == --self-test ]]; then self_test=1; shift; fi
root="${1:?usage: check_layering.sh [--self-test] ROOT}"

# Prints one line per offence in the tree at $1.
offences() {
    local tree="$1"
    cd "$tree" || exit 2
    # file:line:#include "…" or <…>, for the files of one folder.
    includes() { grep -rnE '^[[:space:]]*#[[:space:]]*include' "$@" 2>/dev/null; }
    # forbidden FOLDERS… -- PATTERN MESSAGE
    forbid() {
        local folders=() pattern message
        while [[ "$1" != -- ]]; do folders+=("$1"); shift; done
        shift
        pattern="$1" message="$2"
        includes "${folders[@]}" | grep -E "$pattern" | sed "s|\$|   ← $message|"
    }

    forbid src/core src/http src/protocol src/domain src/service src/api src/admin include -- '[<"]soci/' \
        "soci outside store/"
    forbid src/core src/http src/protocol src/domain src/store src/service src/api src/admin include src/main.cpp \
        -- '[<"]curl/' "libcurl outside mail/"
    forbid src/mail include/scim/mail -- '"scim/(http|protocol|domain|store|service|api|admin)/' \
        "mail/ reaches another module than core/"
    forbid src/core src/http src/protocol src/domain src/store src/api src/admin include/scim/core include/scim/http \
        include/scim/protocol include/scim/domain include/scim/store include/scim/api include/scim/admin \
        -- '"scim/mail/' "mail/ used outside service/"
    forbid src/core src/protocol src/domain src/store src/mail src/service src/api src/admin include/scim/core \
        include/scim/protocol include/scim/domain include/scim/store include/scim/mail include/scim/service \
        include/scim/api include/scim/admin -- '[<"]boost/(asio|beast)' "Asio/Beast outside http/"
    forbid src/api include/scim/api -- '"scim/admin/' "api/ includes admin/"
    forbid src/admin include/scim/admin -- '"scim/api/' "admin/ includes api/"
    forbid src/protocol include/scim/protocol src/domain include/scim/domain -- '"scim/(store|http|service|api|admin)/' \
        "protocol/ or domain/ reaches a layer above"
    forbid src/core include/scim/core -- '"scim/(http|protocol|domain|store|service|api|admin)/' "core/ reaches another module"
    forbid src/http include/scim/http -- '"scim/(protocol|domain|store|service|api|admin)/' "http/ knows the application"
    forbid src/store include/scim/store -- '"scim/(http|service|api|admin)/' "store/ reaches a layer above"
    forbid src/service include/scim/service -- '"scim/(http|api|admin)/' "service/ reaches a handler layer"
    forbid src/api src/admin include/scim/api include/scim/admin -- '"scim/store/' "a handler includes store/"
    grep -rnE 'store::(session|database|lease)|\bctx\.db\b' src/api src/admin include/scim/api include/scim/admin 2>/dev/null |
        sed 's|$|   ← a handler holds the database|'

    # Module interfaces: a public header that only its own module includes belongs in src/<m>/.
    local header module name
    for header in include/scim/*/*.hpp; do
        [[ -e "$header" ]] || continue
        module=$(basename "$(dirname "$header")")
        name="scim/$module/$(basename "$header")"
        if ! grep -rlF "\"$name\"" src include 2>/dev/null | grep -vE "^(src|include/scim)/$module/" | grep -q .; then
            echo "$header: only module $module includes it   ← not a module interface: move it to src/$module/"
        fi
    done
}

check() {
    local found
    found=$(offences "$1")
    if [[ -n "$found" ]]; then
        echo "$found"
        return 1
    fi
    return 0
}

if [[ $self_test -eq 1 ]]; then
    scratch=$(mktemp -d /tmp/scimd-layering.XXXXXX)
    trap 'rm -rf "$scratch"' EXIT
    # Each plant: a file to append an include to, and the include.
    plants=(
        'src/api/users.cpp|#include <soci/soci.h>'
        'src/service/scim_users.cpp|#include <boost/asio/io_context.hpp>'
        'src/api/users.cpp|#include "scim/admin/routes.hpp"'
        'src/admin/directories.cpp|#include "scim/api/routes.hpp"'
        'src/protocol/patch.cpp|#include "scim/store/scim_users.hpp"'
        'src/domain/accounts.cpp|#include "scim/http/message.hpp"'
        'src/store/scim_users.cpp|#include "scim/service/context.hpp"'
        'src/admin/directories.cpp|#include "scim/store/tenants.hpp"'
        'src/service/mail_delivery.cpp|#include <curl/curl.h>'
        'src/mail/message.cpp|#include "scim/store/database.hpp"'
        'src/admin/email_change.cpp|#include "scim/mail/message.hpp"'
    )
    failed=0
    for plant in "${plants[@]}"; do
        file="${plant%%|*}" line="${plant#*|}"
        rm -rf "$scratch/tree"
        mkdir -p "$scratch/tree"
        cp -r "$root/src" "$root/include" "$scratch/tree/"
        if [[ ! -f "$scratch/tree/$file" ]]; then
            echo "SELF-TEST FAILED: $file, where '$line' is planted, does not exist"
            failed=1
            continue
        fi
        printf '%s\n' "$line" >>"$scratch/tree/$file"
        if check "$scratch/tree" >/dev/null; then
            echo "SELF-TEST FAILED: '$line' in $file was not caught"
            failed=1
        else
            echo "self-test: '$line' in $file is caught"
        fi
    done
    [[ $failed -eq 0 ]] || exit 1
fi

if check "$root"; then
    echo "layering: no offence in $root/src and $root/include"
    exit 0
fi
exit 1
