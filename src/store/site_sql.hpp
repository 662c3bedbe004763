#pragma once
// SQL shared by the queries of sites, site memberships and the accounts an organization sees
// (schemas/sql/008_sites.sql).

#include <cstddef>
#include <string>
#include <vector>

#include "sql_text.hpp"

namespace scim::store {

// "WITH org …" binds the organization asking once (as $1, the statement's first bind);
// account_visible_to_org and the queries that use it read it as org.id.
inline sql_text with_organization(std::string const& organization_id) {
    sql_text sql;
    sql << "WITH org AS (SELECT CAST(";
    sql.bind(organization_id) << " AS uuid) AS id) ";
    return sql;
}

// The accounts (aliased a) an organization may see (DOMAIN.md "Managed vs external"): the
// ones it manages, and the external users that appear in it through its directories' links
// or its sites' memberships.
inline constexpr char const* account_visible_to_org =
    "(a.claimed_by = org.id OR EXISTS (SELECT 1 FROM scim_users u JOIN directories d ON d.id = u.directory_id "
    "WHERE u.account_id = a.id AND d.organization_id = org.id) OR EXISTS (SELECT 1 FROM site_memberships vm "
    "JOIN sites vs ON vs.id = vm.site_id WHERE vm.account_id = a.id AND vs.organization_id = org.id))";

// The product access of the membership aliased `m` as rows (columns product, group_id): granted
// directly (group_id NULL), or through a group the account belongs to (a synced group
// through its SCIM users, an admin group directly) that grants the product on the site. A
// grant applies to members of the site only, which the membership row is. Fixed SQL, no binds.
inline std::string access_of_membership(std::string const& m) {
    return "SELECT pa.product, NULL::uuid AS group_id FROM site_product_access pa WHERE pa.site_id = " + m +
           ".site_id AND pa.account_id = " + m +
           ".account_id UNION SELECT gp.product, gp.group_id FROM group_product_grants gp "
           "WHERE gp.site_id = " +
           m +
           ".site_id AND gp.group_id IN (SELECT gm.group_id FROM scim_group_members gm "
           "JOIN scim_users su ON su.id = gm.user_id WHERE su.account_id = " +
           m +
           ".account_id UNION ALL "
           "SELECT ga.group_id FROM group_account_members ga WHERE ga.account_id = " +
           m + ".account_id)";
}

// SQL aggregating product names into one text: string_agg(<products>, ',') read back by
// split_products (product names hold no comma: domain::normalize_product).
inline std::vector<std::string> split_products(std::string const& joined) {
    std::vector<std::string> out;
    for (std::size_t start = 0; start < joined.size();) {
        auto const comma = joined.find(',', start);
        auto const end = comma == std::string::npos ? joined.size() : comma;
        out.push_back(joined.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace scim::store
