#pragma once
// The --db connection string as SOCI must be given it. libpq reads two forms, keyword=value
// pairs and postgresql:// (or postgres://) URIs (PostgreSQL manual §34.1.1); SOCI 4.0.3 reads
// the first only and turns a URI without "=" into a database named "…=". libpq parses either
// form here and the result goes on in keyword form.

#include <string>

namespace scim::store {

// `dsn` in keyword=value form, with connect_timeout set (connect_timeout_seconds) unless `dsn`
// or PGCONNECT_TIMEOUT sets one, so that a database host that does not answer makes a request
// wait seconds, not the minutes of a TCP connect. Throws std::invalid_argument when libpq
// cannot parse `dsn`; its message never quotes the text, which may hold a password.
std::string keyword_connection_string(std::string const& dsn);

inline constexpr int connect_timeout_seconds = 5;

}  // namespace scim::store
