// A site's Users page (site_memberships.hpp): the members with their accounts and product
// access, and the scimd extension's siteMemberships of SCIM users.

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "row_values.hpp"
#include "site_sql.hpp"
#include "statements.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::store {
namespace {

// Members of the site (org.id the organization, m the membership, a its account unless
// only counted: every membership has its account).
sql_text site_members(std::string const& organization_id, std::string const& site_id, char const* columns,
                      bool with_accounts = true) {
    auto sql = with_organization(organization_id);
    sql << "SELECT " << columns << " FROM org CROSS JOIN site_memberships m "
        << (with_accounts ? "JOIN accounts a ON a.id = m.account_id " : "") << "WHERE m.site_id = CAST(";
    sql.bind(site_id) << " AS uuid)";
    return sql;
}

constexpr char const* user_columns =
    "a.id::text, a.email, a.display_name, coalesce(a.claimed_by = org.id, false)::int, m.status, "
    SCIMD_SQL_RFC3339("m.invited_at") ", " SCIMD_SQL_RFC3339("m.joined_at") ", " SCIMD_SQL_RFC3339("m.last_active_at");

site_user to_site_user(soci::row const& r) {
    site_user u;
    u.account_id = r.get<std::string>(0);
    u.email = nullable_text(r, 1);
    u.display_name = nullable_text(r, 2);
    u.type = r.get<int>(3) != 0 ? domain::account_type::managed : domain::account_type::external;
    u.status = domain::parse_membership_status(r.get<std::string>(4)).value_or(domain::membership_status::invited);
    u.invited_at = r.get<std::string>(5);
    u.joined_at = nullable_text(r, 6);
    u.last_active_on_site = nullable_text(r, 7);
    return u;
}

// The product access of `users` (members of the site), in one query.
void read_product_access(soci::session& s, std::string const& site_id, std::vector<site_user>& users) {
    if (users.empty()) return;
    std::vector<std::string> ids;
    std::map<std::string, site_user*> by_id;
    for (auto& u : users) {
        ids.push_back(u.account_id);
        by_id[u.account_id] = &u;
    }
    sql_text sql;
    sql << "SELECT m.account_id::text, x.product, x.group_id::text, g.display_name FROM site_memberships m "
           "CROSS JOIN LATERAL (" << access_of_membership("m") << ") x LEFT JOIN scim_groups g ON g.id = x.group_id "
           "WHERE m.site_id = CAST(";
    sql.bind(site_id) << " AS uuid) AND m.account_id = ANY (CAST(";
    sql.bind(uuid_array(ids)) << " AS uuid[])) ORDER BY 1, 2, x.group_id IS NOT NULL, 4, 3";
    for_each_row(s, sql, [&](soci::row const& r) {
        auto& products = by_id.at(r.get<std::string>(0))->products;
        auto const product = r.get<std::string>(1);
        if (products.empty() || products.back().product != product) products.push_back({product, false, {}});
        if (r.get_indicator(2) == soci::i_ok) {
            products.back().groups.push_back({r.get<std::string>(2), r.get<std::string>(3)});
        } else {
            products.back().direct = true;
        }
    });
}

// A membership as siteMemberships shows it: site id, site name, status, and the products it
// reaches (directly or through a group), from the site_memberships row `m` joined to its site `st`.
std::string membership_columns() {
    return "st.id::text, st.name, m.status, (SELECT coalesce(string_agg(DISTINCT x.product, ',' ORDER BY x.product), '') "
           "FROM (" + access_of_membership("m") + ") x)";
}

site_membership_reference membership_reference(soci::row const& r, std::size_t first) {
    return {r.get<std::string>(first), r.get<std::string>(first + 1),
            domain::parse_membership_status(r.get<std::string>(first + 2)).value_or(domain::membership_status::invited),
            split_products(r.get<std::string>(first + 3))};
}

}  // namespace

site_user_page list_site_users(soci::session& s, std::string const& organization_id, std::string const& site_id,
                               std::optional<domain::membership_status> status, std::int64_t offset, std::int64_t limit) {
    site_user_page page;
    if (!is_uuid(organization_id) || !is_uuid(site_id)) return page;
    auto restrict = [&](sql_text& sql) {
        if (!status) return;
        sql << " AND m.status = ";
        sql.bind(std::string(domain::to_string(*status)));
    };
    auto count = site_members(organization_id, site_id, "count(*)", false);
    restrict(count);
    for_each_row(s, count, [&](soci::row const& r) { page.total = r.get<long long>(0); });
    if (limit <= 0) return page;
    auto sql = site_members(organization_id, site_id, user_columns);
    restrict(sql);
    sql << " ORDER BY m.invited_at DESC, m.account_id DESC LIMIT " << std::to_string(limit) << " OFFSET "
        << std::to_string(offset);
    for_each_row(s, sql, [&](soci::row const& r) { page.users.push_back(to_site_user(r)); });
    read_product_access(s, site_id, page.users);
    return page;
}

std::optional<site_user> find_site_user(soci::session& s, std::string const& organization_id, std::string const& site_id,
                                        std::string const& account_id) {
    if (!is_uuid(organization_id) || !is_uuid(site_id) || !is_uuid(account_id)) return std::nullopt;
    auto sql = site_members(organization_id, site_id, user_columns);
    sql << " AND m.account_id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    std::vector<site_user> found;
    for_each_row(s, sql, [&](soci::row const& r) { found.push_back(to_site_user(r)); });
    if (found.empty()) return std::nullopt;
    read_product_access(s, site_id, found);
    return found.front();
}

std::map<std::string, std::vector<site_membership_reference>> site_memberships_of_users(
    soci::session& s, std::vector<std::string> const& user_ids) {
    std::map<std::string, std::vector<site_membership_reference>> out;
    std::vector<std::string> valid;
    for (auto const& id : user_ids) {
        if (is_uuid(id)) valid.push_back(id);
    }
    if (valid.empty()) return out;
    sql_text sql;
    sql << "SELECT u.id::text, " << membership_columns() << " FROM scim_users u "
           "JOIN directories d ON d.id = u.directory_id JOIN site_memberships m ON m.account_id = u.account_id "
           "JOIN sites st ON st.id = m.site_id AND st.organization_id = d.organization_id WHERE u.id = ANY (CAST(";
    sql.bind(uuid_array(valid)) << " AS uuid[])) ORDER BY u.id, st.name, st.id";
    for_each_row(s, sql, [&](soci::row const& r) {
        out[r.get<std::string>(0)].push_back(membership_reference(r, 1));
    });
    return out;
}

std::vector<site_membership_reference> site_memberships_of_account(soci::session& s, std::string const& organization_id,
                                                                   std::string const& account_id) {
    std::vector<site_membership_reference> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT " << membership_columns() << " FROM site_memberships m JOIN sites st ON st.id = m.site_id "
           "WHERE st.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND m.account_id = CAST(";
    sql.bind(account_id) << " AS uuid) ORDER BY st.name, st.id";
    for_each_row(s, sql, [&](soci::row const& r) { out.push_back(membership_reference(r, 0)); });
    return out;
}

}  // namespace scim::store
