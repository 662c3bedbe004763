#pragma once
// The columns of a scim_users row as every query of it selects them, and their reading.

#include <soci/soci.h>

#include "identifiers.hpp"
#include "scim/store/users.hpp"

namespace scim::store {

// Qualified with the table alias "u", the one every scim_users query uses.
inline constexpr char const* user_columns =
    "u.id::text, u.directory_id::text, u.user_name, u.external_id, u.active::int, u.attributes::text, u.version, "
    SCIMD_SQL_RFC3339("u.created") ", " SCIMD_SQL_RFC3339("u.last_modified");
inline constexpr int user_column_count = 9;

user_row to_user(soci::row const& r);

}  // namespace scim::store
