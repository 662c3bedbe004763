#include "sql_errors.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "scim/core/log.hpp"

namespace scim::store {
std::string sqlstate_of(soci::soci_error const& e) {
    if (auto const* pg = dynamic_cast<soci::postgresql_soci_error const*>(&e)) return pg->sqlstate();
    return {};
}

bool is_retryable(soci::soci_error const& e) noexcept {
    auto state = sqlstate_of(e);
    return state == "40001" || state == "40P01";
}

bool is_connection_lost(soci::soci_error const& e) noexcept {
    if (e.get_error_category() == soci::soci_error::connection_error) return true;
    // Class 08 is "connection exception"; 57P01 is admin_shutdown (the server went away).
    auto state = sqlstate_of(e);
    return state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03";
}

core::error translate(soci::soci_error const& e, std::string_view context) {
    auto state = sqlstate_of(e);
    if (state == "23505") {
        return core::error(core::error_type::uniqueness, std::string(context) + ": a resource with this value already exists");
    }
    if (is_connection_lost(e)) {
        core::log::error("database connection lost", {{"context", context}, {"sqlstate", state}, {"message", e.what()}});
        return core::error(core::error_type::service_unavailable, "the database is unavailable; try again shortly")
            .retry_after(2);
    }
    if (is_retryable(e)) {
        return core::error(core::error_type::service_unavailable, "the request conflicted with concurrent changes; try again")
            .retry_after(1);
    }
    core::log::error("database error", {{"context", context}, {"sqlstate", state}, {"message", e.what()}});
    return core::error(core::error_type::internal, "internal server error");
}

}  // namespace scim::store
