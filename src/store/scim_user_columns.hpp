#pragma once
// The columns of a scim_users row as every query of it selects them, and their reading.

#include "scim/store/scim_users.hpp"
#include "sql_result.hpp"
#include "sql_text.hpp"

namespace scim::store {

// Qualified with the table alias "u", the one every scim_users query uses. The last column
// is the linked account's facts as JSON (a subquery, so that RETURNING can have it too);
// "managed" is domain::type_for in SQL: claimed by the directory's organization. "synced_by" is
// shown to the managing organization only: it names one of its directories (017_sync_owner.sql),
// and to anyone else the account follows none of theirs.
inline constexpr char const* user_columns =
    "u.id::text AS id, u.directory_id::text AS directory_id, u.user_name, u.external_id, u.active, "
    "u.attributes::text AS attributes, u.version, " SCIMD_SQL_RFC3339("u.created") " AS created, "
    SCIMD_SQL_RFC3339("u.last_modified") " AS last_modified, "
    "(SELECT json_build_object('id', a.id, 'managed', coalesce(a.claimed_by = d.organization_id, false), "
    "'lifecycle', a.lifecycle, 'synced_by', CASE WHEN a.claimed_by = d.organization_id THEN a.synced_by END, "
    "'email_verified', a.email_verified, "
    "'last_active', " SCIMD_SQL_RFC3339("a.last_active_at") ", 'two_step_enrolled', a.two_step_enrolled, "
    "'two_step_excluded_until', " SCIMD_SQL_RFC3339("a.two_step_excluded_until") ")::text "
    "FROM accounts a JOIN directories d ON d.id = u.directory_id WHERE a.id = u.account_id) AS account";

// user_columns and the relations asked for, each as a JSON column (groups, site_memberships)
// computed by a subquery of the row (so that RETURNING can have them too).
std::string user_select_list(user_relations relations);

// A row of user_select_list (the relation columns read when the statement has them).
user_row to_user(sql_row const& r);

}  // namespace scim::store
