#pragma once
// The one place SQLSTATEs become core::error (ARCHITECTURE.md "Errors").

#include <string>
#include <string_view>

#include "scim/core/error.hpp"

namespace soci {
class soci_error;
}

namespace scim::store {

// PostgreSQL SQLSTATE classes that mean "run the transaction again" (serialization failure,
// deadlock detected).
bool is_retryable(soci::soci_error const& e) noexcept;

// The SQLSTATE of a PostgreSQL error; "" for other errors.
std::string sqlstate_of(soci::soci_error const& e);

bool is_connection_lost(soci::soci_error const& e) noexcept;

// unique violation → 409 uniqueness; lost connection → 503 with Retry-After; anything
// else → 500 with a generic detail. The SQL text and message go to the log only.
core::error translate(soci::soci_error const& e, std::string_view context);

}  // namespace scim::store
