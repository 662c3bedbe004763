#pragma once
// libpq connection strings (https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING)
// as far as scimd builds them itself.

#include <string>

namespace scim::core {

// `dsn` with `password` added, in the form `dsn` has: a `password='…'` keyword (quotes and
// backslashes escaped) after key=value pairs, a percent-encoded `password=` query parameter
// after a postgresql:// or postgres:// URI. The password thus never needs to be on a command
// line or in the environment (`--db-password-file`).
std::string with_password(std::string const& dsn, std::string const& password);

}  // namespace scim::core
