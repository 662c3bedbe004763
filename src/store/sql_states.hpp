#pragma once
// The PostgreSQL SQLSTATEs scimd acts on, by name (PostgreSQL manual, Appendix A). Every
// SQLSTATE the store compares against is one of these; sql_errors.cpp turns them into
// core::error.

#include <string_view>

namespace scim::store::sql_state {

// A WARNING without a code of its own, such as "canceling wait for synchronous replication".
inline constexpr std::string_view warning = "01000";
inline constexpr std::string_view unique_violation = "23505";
inline constexpr std::string_view foreign_key_violation = "23503";
inline constexpr std::string_view check_violation = "23514";
inline constexpr std::string_view serialization_failure = "40001";
inline constexpr std::string_view deadlock_detected = "40P01";
// A statement cancelled: statement_timeout, or pg_cancel_backend.
// A write in a read-only transaction: on a hot standby, or on a server made read-only
// (default_transaction_read_only) for a switchover.
inline constexpr std::string_view read_only_sql_transaction = "25006";
inline constexpr std::string_view query_canceled = "57014";
inline constexpr std::string_view admin_shutdown = "57P01";
inline constexpr std::string_view crash_shutdown = "57P02";
inline constexpr std::string_view cannot_connect_now = "57P03";
// Class 08, "connection exception": any SQLSTATE starting with it.
inline constexpr std::string_view connection_exception_class = "08";

}  // namespace scim::store::sql_state
