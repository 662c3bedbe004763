#include "scim/store/migrations.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include "scim/core/log.hpp"
#include "session.hpp"

namespace scim::store {

// Generated from schemas/sql/*.sql by cmake/embed_files.cmake.
std::vector<std::pair<std::string_view, std::string_view>> embedded_migration_files();

namespace {

// Any constant shared by all scimd processes: the advisory lock that serializes migrations.
constexpr long long migration_lock_key = 0x5c1d0001;

int version_of(std::string_view file_name) {
    std::size_t digits = 0;
    while (digits < file_name.size() && std::isdigit(static_cast<unsigned char>(file_name[digits]))) ++digits;
    if (digits == 0 || file_name.substr(digits, 1) != "_") {
        throw std::runtime_error("migration file name must start with a number and '_': " + std::string(file_name));
    }
    return std::stoi(std::string(file_name.substr(0, digits)));
}

// Each migration in a transaction of its own that first takes the migration lock: a
// transaction-scoped advisory lock (pg_advisory_xact_lock), released by COMMIT or ROLLBACK, so
// that it holds behind a transaction pooler too (docs/database.md). Two processes migrating at
// once take turns; the second finds each migration recorded by the first and skips it. The
// statement timeout is lifted for the transaction only (SET LOCAL): a migration may take long,
// and its lock waits as long as another process's migration takes.
bool apply_one(session& s, migration const& m) {
    s.begin();
    try {
        s.run_script("SET LOCAL statement_timeout = 0; SELECT pg_advisory_xact_lock(" +
                     std::to_string(migration_lock_key) +
                     "); CREATE TABLE IF NOT EXISTS schema_migrations ("
                     "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        sql_text present("SELECT count(*) AS present FROM schema_migrations WHERE version = CAST(");
        present.bind_number(m.version) << " AS integer)";
        bool const applied = s.run_once(present).front().number("present") == 0;
        if (applied) {
            // The script and its record in one transaction: a migration is applied whole or not at all.
            s.run_script(std::string(m.sql));
            sql_text record("INSERT INTO schema_migrations (version, name) VALUES (CAST(");
            record.bind_number(m.version) << " AS integer), ";
            record.bind(m.name) << ")";
            s.run_once(record);
        }
        s.run_script("COMMIT");
        return applied;
    } catch (...) {
        s.roll_back_quietly();
        throw;
    }
}

}  // namespace

std::vector<migration> builtin_migrations() {
    std::vector<migration> out;
    for (auto const& [name, sql] : embedded_migration_files())
        out.push_back({version_of(name), std::string(name), sql});
    std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i) {
        if (out[i].version == out[i - 1].version)
            throw std::runtime_error("two migrations share number " + out[i].name);
    }
    return out;
}

int apply_migrations(session& s, std::vector<migration> const& migrations) {
    int applied = 0;
    for (auto const& m : migrations) {
        if (!apply_one(s, m)) continue;
        core::log::info("applied migration", {{"name", m.name}});
        ++applied;
    }
    return applied;
}

}  // namespace scim::store
