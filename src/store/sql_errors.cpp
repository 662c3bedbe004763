#include "sql_errors.hpp"

#include "scim/core/log.hpp"
#include "sql_states.hpp"

namespace scim::store {
namespace {

constexpr char const* safe_to_retry = "the request was not carried out and is safe to send again";

core::error unavailable(std::string detail, int retry_after_seconds) {
    return core::error(core::error_type::service_unavailable, std::move(detail)).retry_after(retry_after_seconds);
}

// Classes 22 (data exception) and 23 (integrity violation) quote the value they refused,
// which may be personal data; the others name objects of the schema at most.
bool may_quote_values(sql_error const& e) { return e.sqlstate().starts_with("22") || e.sqlstate().starts_with("23"); }

}  // namespace

bool is_retryable(sql_error const& e) noexcept {
    return e.is(sql_state::serialization_failure) || e.is(sql_state::deadlock_detected);
}

core::error unreachable(int retry_after_seconds) {
    return unavailable(std::string("the database is unavailable; ") + safe_to_retry, retry_after_seconds);
}

core::error translate(sql_error const& e, std::string_view context, int retry_after_seconds, write_outcome outcome) {
    if (e.is(sql_state::unique_violation)) {
        return core::error(core::error_type::uniqueness,
                           std::string(context) + ": a resource with this value already exists");
    }
    auto const request = core::log::current_request();
    if (e.connection_lost()) {
        core::log::error("database connection lost", {{"context", context},
                                                      {"sqlstate", e.sqlstate()},
                                                      {"statement", e.statement()},
                                                      {"id", request},
                                                      {"message", e.what()}});
        if (outcome == write_outcome::unknown) {
            return unavailable(
                "the connection to the database was lost while the request's changes were being committed; "
                "they may or may not have been applied: read the resource before sending the request again",
                retry_after_seconds);
        }
        return unavailable(std::string("the connection to the database was lost; ") + safe_to_retry,
                           retry_after_seconds);
    }
    if (e.is(sql_state::query_canceled)) {
        core::log::warn(
            "database statement cancelled",
            {{"context", context}, {"sqlstate", e.sqlstate()}, {"statement", e.statement()}, {"id", request}});
        return unavailable(std::string("the request took longer than the server's statement timeout and was "
                                       "cancelled; ") +
                               safe_to_retry,
                           retry_after_seconds);
    }
    if (is_retryable(e)) {
        return core::error(core::error_type::service_unavailable,
                           std::string("the request conflicted with concurrent changes; ") + safe_to_retry)
            .retry_after(1);
    }
    core::log::error("database error",
                     {{"context", context},
                      {"sqlstate", e.sqlstate()},
                      {"statement", e.statement()},
                      {"constraint", e.constraint()},
                      {"id", request},
                      {"message", may_quote_values(e) ? "(withheld: it may quote a value)" : e.what()}});
    return core::error(core::error_type::internal, "internal server error");
}

}  // namespace scim::store
