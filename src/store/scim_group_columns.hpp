#pragma once
// The columns of a scim_groups row as every SCIM query of it selects them, and their reading.

#include "scim/store/scim_groups.hpp"
#include "sql_result.hpp"
#include "sql_text.hpp"

namespace scim::store {

// Qualified with the table alias "g", the one every scim_groups query uses.
inline constexpr char const* group_columns =
    "g.id::text AS id, g.directory_id::text AS directory_id, g.display_name, g.external_id, "
    "g.attributes::text AS attributes, g.member_count, g.version, " SCIMD_SQL_RFC3339(
        "g.created") " AS created, " SCIMD_SQL_RFC3339("g.last_modified") " AS last_modified";

group_row to_group(sql_row const& r);

struct side_table;
// Groups' members as filters see them: one scim_group_members row per member.
side_table const& group_members_side_table();

}  // namespace scim::store
