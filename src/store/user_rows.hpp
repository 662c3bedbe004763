#pragma once
// The columns of a scim_users row as every query of it selects them, and their reading.

#include <soci/soci.h>

#include "identifiers.hpp"
#include "scim/store/users.hpp"

namespace scim::store {

// Qualified with the table alias "u", the one every scim_users query uses. The last column
// is the linked account's facts as JSON (a subquery, so that RETURNING can have it too);
// "managed" is domain::type_for in SQL: claimed by the directory's organization.
inline constexpr char const* user_columns =
    "u.id::text, u.directory_id::text, u.user_name, u.external_id, u.active::int, u.attributes::text, u.version, "
    SCIMD_SQL_RFC3339("u.created") ", " SCIMD_SQL_RFC3339("u.last_modified") ", "
    "(SELECT json_build_object('id', a.id, 'managed', coalesce(a.claimed_by = d.organization_id, false), "
    "'lifecycle', a.lifecycle, 'synced_by', a.synced_by, 'email_verified', a.email_verified, "
    "'last_active', " SCIMD_SQL_RFC3339("a.last_active_at") ", 'two_step_enrolled', a.two_step_enrolled, "
    "'two_step_excluded_until', " SCIMD_SQL_RFC3339("a.two_step_excluded_until") ")::text "
    "FROM accounts a JOIN directories d ON d.id = u.directory_id WHERE a.id = u.account_id)";
inline constexpr int user_column_count = 10;

user_row to_user(soci::row const& r);

}  // namespace scim::store
