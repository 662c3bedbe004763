#pragma once
// Errors from the database, and the one place they become core::error (ARCHITECTURE.md
// "Errors"). What a caller may test for has a name in sql_states.hpp.

#include <stdexcept>
#include <string>
#include <string_view>

#include "scim/core/error.hpp"

namespace scim::store {

// A statement failed, or the connection did. The message is PostgreSQL's primary message (or
// libpq's): never the statement's text or its bound values, though a data exception (class 22)
// or an integrity violation (class 23) may quote the value it refused.
class sql_error : public std::runtime_error {
public:
    sql_error(std::string sqlstate, std::string const& message, bool connection_lost, std::string constraint = {})
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost),
          constraint_(std::move(constraint)) {}
    std::string const& sqlstate() const noexcept { return sqlstate_; }
    bool is(std::string_view state) const noexcept { return sqlstate_ == state; }
    // The constraint (or unique index) an integrity violation names; "" for other errors.
    std::string const& constraint() const noexcept { return constraint_; }
    // The connection is gone: nothing sent on it since its last COMMIT was committed.
    bool connection_lost() const noexcept { return connection_lost_; }

private:
    std::string sqlstate_;
    bool connection_lost_;
    std::string constraint_;
};

// Serialization failure or deadlock: running the transaction again may well succeed.
bool is_retryable(sql_error const& e) noexcept;

// unique violation → 409 uniqueness; lost connection → 503 with Retry-After; a conflict that
// kept failing → 503; anything else → 500 with a generic detail, its SQLSTATE in the log with
// `context` (which names the operation, never a value), and its message unless it may quote
// a value.
core::error translate(sql_error const& e, std::string_view context);

}  // namespace scim::store
