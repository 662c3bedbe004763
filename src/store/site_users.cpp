// A site's Users page (site_memberships.hpp): the members with their accounts and product
// access, and the scimd extension's siteMemberships of SCIM users.

#include "identifiers.hpp"
#include "scim/store/site_memberships.hpp"
#include "session.hpp"
#include "site_sql.hpp"
#include "sql_text.hpp"

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
    "a.id::text AS account_id, a.email, a.display_name, coalesce(a.claimed_by = org.id, false) AS managed, "
    "m.status, " SCIMD_SQL_RFC3339("m.invited_at") " AS invited_at, " SCIMD_SQL_RFC3339(
        "m.joined_at") " AS joined_at, " SCIMD_SQL_RFC3339("m.last_active_at") " AS last_active_at";

site_user to_site_user(sql_row const& r) {
    site_user u;
    u.account_id = r.text("account_id");
    u.email = r.nullable_text("email");
    u.display_name = r.nullable_text("display_name");
    u.type = r.flag("managed") ? domain::account_type::managed : domain::account_type::external;
    u.status = domain::parse_membership_status(r.text("status")).value_or(domain::membership_status::invited);
    u.invited_at = r.text("invited_at");
    u.joined_at = r.nullable_text("joined_at");
    u.last_active_on_site = r.nullable_text("last_active_at");
    return u;
}

// The product access of `users` (members of the site), in one query.
void read_product_access(session& s, std::string const& site_id, std::vector<site_user>& users) {
    if (users.empty()) return;
    std::vector<std::string> ids;
    std::map<std::string, site_user*> by_id;
    for (auto& u : users) {
        ids.push_back(u.account_id);
        by_id[u.account_id] = &u;
    }
    sql_text sql;
    sql << "SELECT m.account_id::text AS account_id, x.product, x.group_id::text AS group_id, g.display_name "
           "FROM site_memberships m "
           "CROSS JOIN LATERAL ("
        << access_of_membership("m")
        << ") x LEFT JOIN scim_groups g ON g.id = x.group_id "
           "WHERE m.site_id = CAST(";
    sql.bind(site_id) << " AS uuid) AND m.account_id = ANY (CAST(";
    sql.bind(uuid_array(ids)) << " AS uuid[])) ORDER BY 1, 2, x.group_id IS NOT NULL, 4, 3";
    for (auto const& r : s.run(sql)) {
        auto& products = by_id.at(r.text("account_id"))->products;
        auto const product = r.text("product");
        if (products.empty() || products.back().product != product) products.push_back({product, false, {}});
        if (auto group_id = r.nullable_text("group_id")) {
            products.back().groups.push_back({std::move(*group_id), r.text("display_name")});
        } else {
            products.back().direct = true;
        }
    }
}

// A membership as siteMemberships shows it: site id, site name, status, and the products it
// reaches (directly or through a group), from the site_memberships row `m` joined to its site `st`.
std::string membership_columns() {
    return "st.id::text AS site_id, st.name AS site_name, m.status, (SELECT coalesce(string_agg(DISTINCT x.product, "
           "',' "
           "ORDER BY x.product), '') FROM (" +
           access_of_membership("m") + ") x) AS products";
}

site_membership_reference membership_reference(sql_row const& r) {
    return {r.text("site_id"), r.text("site_name"),
            domain::parse_membership_status(r.text("status")).value_or(domain::membership_status::invited),
            split_products(r.text("products"))};
}

}  // namespace

site_user_page list_site_users(session& s, std::string const& organization_id, std::string const& site_id,
                               std::optional<domain::membership_status> status, std::int64_t offset,
                               std::int64_t limit) {
    site_user_page page;
    if (!is_uuid(organization_id) || !is_uuid(site_id)) return page;
    auto restrict = [&](sql_text& sql) {
        if (!status) return;
        sql << " AND m.status = ";
        sql.bind(std::string(domain::to_string(*status)));
    };
    auto count = site_members(organization_id, site_id, "count(*) AS total", false);
    restrict(count);
    for (auto const& r : s.run(count)) page.total = r.number("total");
    if (limit <= 0) return page;
    auto sql = site_members(organization_id, site_id, user_columns);
    restrict(sql);
    sql << " ORDER BY m.invited_at DESC, m.account_id DESC LIMIT ";
    sql.bind_number(limit) << " OFFSET ";
    sql.bind_number(offset);
    for (auto const& r : s.run(sql)) page.users.push_back(to_site_user(r));
    read_product_access(s, site_id, page.users);
    return page;
}

std::optional<site_user> find_site_user(session& s, std::string const& organization_id, std::string const& site_id,
                                        std::string const& account_id) {
    if (!is_uuid(organization_id) || !is_uuid(site_id) || !is_uuid(account_id)) return std::nullopt;
    auto sql = site_members(organization_id, site_id, user_columns);
    sql << " AND m.account_id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    std::vector<site_user> found;
    for (auto const& r : s.run(sql)) found.push_back(to_site_user(r));
    if (found.empty()) return std::nullopt;
    read_product_access(s, site_id, found);
    return found.front();
}

std::vector<site_membership_reference> site_memberships_of_account(session& s, std::string const& organization_id,
                                                                   std::string const& account_id) {
    std::vector<site_membership_reference> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT " << membership_columns()
        << " FROM site_memberships m JOIN sites st ON st.id = m.site_id "
           "WHERE st.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND m.account_id = CAST(";
    sql.bind(account_id) << " AS uuid) ORDER BY st.name, st.id";
    for (auto const& r : s.run(sql)) out.push_back(membership_reference(r));
    return out;
}

}  // namespace scim::store
