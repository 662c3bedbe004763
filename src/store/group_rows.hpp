#pragma once
// The columns of a scim_groups row as every query of it selects them, and their reading.

#include <soci/soci.h>

#include "identifiers.hpp"
#include "scim/store/groups.hpp"

namespace scim::store {

// Qualified with the table alias "g", the one every scim_groups query uses.
inline constexpr char const* group_columns =
    "g.id::text, g.directory_id::text, g.display_name, g.external_id, g.attributes::text, g.member_count, g.version, "
    SCIMD_SQL_RFC3339("g.created") ", " SCIMD_SQL_RFC3339("g.last_modified");
inline constexpr int group_column_count = 9;

group_row to_group(soci::row const& r);

struct side_table;
// Groups' members as filters see them: one scim_group_members row per member.
side_table const& group_members_side_table();

}  // namespace scim::store
