#pragma once
// Numbered SQL migrations from schemas/sql/ (embedded in the binary at build time), applied
// in order at start-up, each in its own transaction, under a transaction-scoped advisory lock
// so that two scimd processes starting together do not race (and so that it holds behind a
// transaction pooler, docs/database.md).

#include <string>
#include <string_view>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct migration {
    int version;       // the number the file name starts with: 001_init.sql → 1
    std::string name;  // the file name
    std::string_view sql;
};

// The migrations built into this binary, ordered by version.
std::vector<migration> builtin_migrations();

// Applies the ones not yet recorded in schema_migrations, each under the advisory lock and with
// no statement timeout (a migration, and the wait for another process's, take what they take);
// returns how many it applied.
int apply_migrations(session& s, std::vector<migration> const& migrations);

}  // namespace scim::store
