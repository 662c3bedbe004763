#pragma once
// The columns of a scim_groups row as every SCIM query of it selects them, and their reading;
// the displayName guard of every write of a group.

#include <soci/soci.h>

#include "identifiers.hpp"
#include "sql_errors.hpp"
#include "scim/core/error.hpp"
#include "scim/store/groups.hpp"

namespace scim::store {

// Qualified with the table alias "g", the one every scim_groups query uses.
inline constexpr char const* group_columns =
    "g.id::text, g.directory_id::text, g.display_name, g.external_id, g.attributes::text, g.member_count, g.version, "
    SCIMD_SQL_RFC3339("g.created") ", " SCIMD_SQL_RFC3339("g.last_modified");
inline constexpr int group_column_count = 9;

group_row to_group(soci::row const& r);

// Runs `work`, a write of a group's displayName. DOMAIN.md: displayName is unique in the
// organization ignoring case, across synced and admin-kept groups (index
// scim_groups_display_name_key); a clash is core::error(uniqueness) naming the value rather
// than a constraint.
template <typename Work>
auto guarding_display_name(std::string const& display_name, Work const& work) {
    try {
        return work();
    } catch (soci::soci_error const& e) {
        if (sqlstate_of(e) != "23505") throw;
        throw core::error(core::error_type::uniqueness,
                          "displayName \"" + display_name + "\" is already used by a group of this organization");
    }
}

struct side_table;
// Groups' members as filters see them: one scim_group_members row per member.
side_table const& group_members_side_table();

}  // namespace scim::store
