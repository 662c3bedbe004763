#include "scim/store/migrations.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <utility>

#include <soci/soci.h>

#include "scim/core/log.hpp"

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

}  // namespace

std::vector<migration> builtin_migrations() {
    std::vector<migration> out;
    for (auto const& [name, sql] : embedded_migration_files()) out.push_back({version_of(name), std::string(name), sql});
    std::sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.version < b.version; });
    for (std::size_t i = 1; i < out.size(); ++i) {
        if (out[i].version == out[i - 1].version) throw std::runtime_error("two migrations share number " + out[i].name);
    }
    return out;
}

int apply_migrations(soci::session& s, std::vector<migration> const& migrations) {
    s << "SELECT pg_advisory_lock(" << migration_lock_key << ")";
    int applied = 0;
    try {
        s << "CREATE TABLE IF NOT EXISTS schema_migrations ("
             "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";
        for (auto const& m : migrations) {
            int present = 0;
            s << "SELECT count(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(present);
            if (present) continue;
            soci::transaction tx(s);
            s << std::string(m.sql);
            s << "INSERT INTO schema_migrations (version, name) VALUES (:v, :n)", soci::use(m.version), soci::use(m.name);
            tx.commit();
            core::log::info("applied migration", {{"name", m.name}});
            ++applied;
        }
    } catch (...) {
        s << "SELECT pg_advisory_unlock(" << migration_lock_key << ")";
        throw;
    }
    s << "SELECT pg_advisory_unlock(" << migration_lock_key << ")";
    return applied;
}

}  // namespace scim::store
