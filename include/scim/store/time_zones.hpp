#pragma once
// The time zones an account may be in: the IANA time zone database as the PostgreSQL server
// knows it (pg_timezone_names), which is where the accounts live.

#include <string>

namespace scim::store {

class session;  // scim/store/database.hpp

// Whether `name` is a zone of the database, spelled as it spells it ("Europe/Paris", "UTC",
// "America/Argentina/Buenos_Aires"; not "europe/paris", an abbreviation such as "CEST", nor a
// POSIX rule such as "ABC-3").
bool is_known_time_zone(session& s, std::string const& name);

}  // namespace scim::store
