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
    sql_error(std::string sqlstate, std::string const& message, bool connection_lost, std::string constraint = {},
              std::string statement = {})
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost),
          constraint_(std::move(constraint)), statement_(std::move(statement)) {}
    std::string const& sqlstate() const noexcept { return sqlstate_; }
    bool is(std::string_view state) const noexcept { return sqlstate_ == state; }
    // The constraint (or unique index) an integrity violation names; "" for other errors.
    std::string const& constraint() const noexcept { return constraint_; }
    // The connection is gone: nothing sent on it since its last COMMIT was committed.
    bool connection_lost() const noexcept { return connection_lost_; }
    // Which statement failed, as logs name it (session.hpp statement_id); "" when none did.
    std::string const& statement() const noexcept { return statement_; }

private:
    std::string sqlstate_;
    bool connection_lost_;
    std::string constraint_;
    std::string statement_;
};

// Serialization failure or deadlock: running the transaction again may well succeed.
bool is_retryable(sql_error const& e) noexcept;

// What became of a request's writes when its database work failed.
enum class write_outcome {
    // Nothing: the transaction rolled back (or the work only read). Safe to send again.
    not_applied,
    // COMMIT was sent and the connection broke before its answer: committed or not, no one
    // here can tell.
    unknown,
};

// unique violation → 409 uniqueness; the database out of reach, a lost connection or a
// statement cancelled (statement_timeout) → 503 with Retry-After `retry_after_seconds`, whose
// detail says, from `outcome`, whether the request may simply be sent again; a conflict that
// kept failing → 503; anything else → 500 with a generic detail. The log line names
// `context` (the operation), the SQLSTATE, the statement and the request, never a value:
// PostgreSQL's message only for classes that do not quote values.
core::error translate(sql_error const& e, std::string_view context, int retry_after_seconds,
                      write_outcome outcome = write_outcome::not_applied);

// The 503 of a database that cannot be reached at all.
core::error unreachable(int retry_after_seconds);

}  // namespace scim::store
