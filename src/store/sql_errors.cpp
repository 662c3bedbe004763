#include "sql_errors.hpp"

#include "scim/core/log.hpp"
#include "sql_states.hpp"

namespace scim::store {

bool is_retryable(sql_error const& e) noexcept {
    return e.is(sql_state::serialization_failure) || e.is(sql_state::deadlock_detected);
}

core::error translate(sql_error const& e, std::string_view context) {
    if (e.is(sql_state::unique_violation)) {
        return core::error(core::error_type::uniqueness,
                           std::string(context) + ": a resource with this value already exists");
    }
    if (e.connection_lost()) {
        core::log::error("database connection lost",
                         {{"context", context}, {"sqlstate", e.sqlstate()}, {"message", e.what()}});
        return core::error(core::error_type::service_unavailable, "the database is unavailable; try again shortly")
            .retry_after(2);
    }
    if (is_retryable(e)) {
        return core::error(core::error_type::service_unavailable,
                           "the request conflicted with concurrent changes; try again")
            .retry_after(1);
    }
    // Classes 22 and 23 quote the value they refused, which may be personal data.
    bool const quotes_values = e.sqlstate().starts_with("22") || e.sqlstate().starts_with("23");
    core::log::error("database error", {{"context", context},
                                        {"sqlstate", e.sqlstate()},
                                        {"message", quotes_values ? "(withheld: it may quote a value)" : e.what()}});
    return core::error(core::error_type::internal, "internal server error");
}

}  // namespace scim::store
