#include "scim/store/exports.hpp"

#include <set>

#include <boost/json/parse.hpp>

#include "batch_cursor.hpp"
#include "export_places.hpp"
#include "identifiers.hpp"
#include "policy_sql.hpp"
#include "session.hpp"
#include "site_sql.hpp"

namespace scim::store {
namespace {

namespace json = boost::json;

// The ids of the groups account `a` is in: admin-kept groups hold accounts, synced groups
// hold the account's SCIM users (008_sites.sql).
constexpr char const* account_groups =
    "(SELECT gam.group_id FROM group_account_members gam WHERE gam.account_id = a.id "
    "UNION SELECT sgm.group_id FROM scim_users u JOIN scim_group_members sgm ON sgm.user_id = u.id "
    "WHERE u.account_id = a.id)";

constexpr char const* by_email = " ORDER BY lower(a.email COLLATE \"und-x-icu\") COLLATE \"C\", a.id";

// A json_agg of [text, text-or-null] pairs (NULL when there were none).
std::vector<std::pair<std::string, std::optional<std::string>>> pairs_at(sql_row const& r, char const* column) {
    std::vector<std::pair<std::string, std::optional<std::string>>> out;
    auto const aggregate = r.nullable_text(column);
    if (!aggregate) return out;
    auto const parsed = json::parse(*aggregate);
    for (auto const& pair : parsed.as_array()) {
        auto const& both = pair.as_array();
        out.emplace_back(
            std::string(both[0].as_string()),
            both[1].is_null() ? std::nullopt : std::optional<std::string>(std::string(both[1].as_string())));
    }
    return out;
}

// The text column `column` of every row of `sql`.
std::vector<std::string> column_of_text(session& s, sql_text const& sql, char const* column) {
    std::vector<std::string> out;
    for (auto const& r : s.run(sql)) out.push_back(r.text(column));
    return out;
}

// A json_agg of texts (NULL when there were none).
std::vector<std::string> strings_at(sql_row const& r, char const* column) {
    std::vector<std::string> out;
    auto const aggregate = r.nullable_text(column);
    if (!aggregate) return out;
    auto const parsed = json::parse(*aggregate);
    for (auto const& text : parsed.as_array()) out.emplace_back(text.as_string());
    return out;
}

}  // namespace

managed_accounts_export::managed_accounts_export(std::unique_ptr<batch_cursor> cursor) : cursor_(std::move(cursor)) {}

std::unique_ptr<managed_accounts_export> managed_accounts_export::open(lease connection,
                                                                       std::string const& organization_id,
                                                                       std::size_t places) {
    if (!is_uuid(organization_id)) return nullptr;
    std::unique_ptr<managed_accounts_export> out(
        new managed_accounts_export(std::make_unique<batch_cursor>(std::move(connection))));
    auto& cursor = *out->cursor_;
    take_export_place(cursor.session(), places);
    sql_text products;
    products << "SELECT DISTINCT sp.product FROM sites st JOIN site_products sp ON sp.site_id = st.id "
                "WHERE st.organization_id = CAST(";
    products.bind(organization_id) << " AS uuid) ORDER BY sp.product";
    out->products_ = column_of_text(cursor.session(), products, "product");

    sql_text sql;
    sql << "WITH org AS (SELECT CAST(";
    sql.bind(organization_id)
        << " AS uuid) AS id), "
        // The sites where each account reaches each product: an active or invited membership
        // (a suspended one blocks use, DOMAIN.md) with the product granted directly or through
        // one of the account's groups. Computed for the whole organization at once, in a few
        // hash joins, rather than a subquery per account: the export reads every account.
        << "memberships AS (SELECT m.account_id, m.site_id, st.name AS site FROM org "
           "JOIN sites st ON st.organization_id = org.id JOIN site_memberships m ON m.site_id = st.id "
           "WHERE m.status IN ('active', 'invited')), "
           "reached AS (SELECT m.account_id, pa.product, m.site FROM memberships m "
           "JOIN site_product_access pa ON pa.site_id = m.site_id AND pa.account_id = m.account_id "
           "UNION SELECT m.account_id, gp.product, m.site FROM memberships m "
           "JOIN group_product_grants gp ON gp.site_id = m.site_id "
           "JOIN (SELECT su.account_id, gm.group_id FROM scim_group_members gm JOIN scim_users su ON su.id = "
           "gm.user_id "
           "UNION ALL SELECT ga.account_id, ga.group_id FROM group_account_members ga) g "
           "ON g.group_id = gp.group_id AND g.account_id = m.account_id), "
           "by_account AS (SELECT account_id, "
           "json_agg(json_build_array(product, site) ORDER BY product, site)::text AS sites_by_product "
           "FROM reached GROUP BY account_id) "
           "SELECT a.display_name, a.email, "
        << SCIMD_SQL_RFC3339("a.last_active_at") " AS last_active_at, a.lifecycle, " << policy_settings_columns
        << ", a.two_step_enrolled, b.sites_by_product "
        << "FROM org CROSS JOIN accounts a " << account_policy_join << " LEFT JOIN by_account b ON b.account_id = a.id"
        << " WHERE a.claimed_by = org.id AND a.lifecycle <> 'deleted'" << by_email;
    cursor.open(sql);
    return out;
}

managed_accounts_export::~managed_accounts_export() = default;

std::vector<managed_export_row> managed_accounts_export::next_batch(std::size_t batch_rows) {
    std::vector<managed_export_row> out;
    cursor_->fetch(batch_rows, [&](sql_row const& r) {
        managed_export_row row;
        row.name = r.nullable_text("display_name");
        row.email = r.nullable_text("email");
        row.last_active = r.nullable_text("last_active_at");
        row.lifecycle = domain::parse_lifecycle(r.text("lifecycle")).value_or(domain::lifecycle::active);
        row.policy = read_policy_settings(r);
        row.two_step_enrolled = r.flag("two_step_enrolled");
        for (auto& [product, site] : pairs_at(r, "sites_by_product")) {
            row.sites_by_product[product].push_back(site.value_or(""));
        }
        out.push_back(std::move(row));
    });
    return out;
}

site_users_export::site_users_export(std::unique_ptr<batch_cursor> cursor) : cursor_(std::move(cursor)) {}

std::unique_ptr<site_users_export> site_users_export::open(lease connection, std::string const& organization_id,
                                                           std::vector<std::string> const& site_ids,
                                                           std::size_t places) {
    if (!is_uuid(organization_id)) return nullptr;
    auto const named = uuids_among(site_ids);
    if (named.size() != site_ids.size()) return nullptr;
    std::unique_ptr<site_users_export> out(
        new site_users_export(std::make_unique<batch_cursor>(std::move(connection))));
    auto& cursor = *out->cursor_;
    take_export_place(cursor.session(), places);
    // The sites, in the export's snapshot: each named one must be the organization's.
    sql_text sites;
    sites << "SELECT st.id::text AS id FROM sites st WHERE st.organization_id = CAST(";
    sites.bind(organization_id) << " AS uuid)";
    if (!named.empty()) {
        sites << " AND st.id = ANY (CAST(";
        sites.bind(uuid_array(named)) << " AS uuid[]))";
    }
    auto const found = column_of_text(cursor.session(), sites, "id");
    if (!named.empty() && found.size() != std::set<std::string>(named.begin(), named.end()).size()) return nullptr;
    sql_text products;
    products << "SELECT DISTINCT sp.product FROM site_products sp WHERE sp.site_id = ANY (CAST(";
    products.bind(uuid_array(found)) << " AS uuid[])) ORDER BY sp.product";
    out->products_ = column_of_text(cursor.session(), products, "product");

    sql_text sql;
    sql << "SELECT st.name AS site, a.display_name, a.email, coalesce(a.claimed_by = st.organization_id, false) AS "
           "managed, m.status, "
        << SCIMD_SQL_RFC3339("m.last_active_at") " AS last_active_at, "
        // Each product the member has: [product, null] when granted directly, [product, group
        // name] for each of its groups that grants it here.
        << "(SELECT json_agg(json_build_array(x.product, sg.display_name) ORDER BY x.product, sg.display_name NULLS "
           "FIRST)::text "
           "FROM ("
        << access_of_membership("m") << ") x LEFT JOIN scim_groups sg ON sg.id = x.group_id) AS access, "
        << "(SELECT json_agg(sg.display_name ORDER BY lower(sg.display_name), sg.id)::text "
           "FROM scim_groups sg WHERE sg.organization_id = st.organization_id AND sg.id IN "
        << account_groups << ") AS groups "
        << "FROM site_memberships m JOIN sites st ON st.id = m.site_id JOIN accounts a ON a.id = m.account_id "
           "WHERE m.site_id = ANY (CAST(";
    sql.bind(uuid_array(found)) << " AS uuid[]))" << by_email << ", st.name, st.id";
    cursor.open(sql);
    return out;
}

site_users_export::~site_users_export() = default;

std::vector<site_user_row> site_users_export::next_batch(std::size_t batch_rows) {
    std::vector<site_user_row> out;
    cursor_->fetch(batch_rows, [&](sql_row const& r) {
        site_user_row row;
        row.site = r.text("site");
        row.name = r.nullable_text("display_name");
        row.email = r.nullable_text("email");
        row.type = r.flag("managed") ? domain::account_type::managed : domain::account_type::external;
        row.status = r.text("status");
        row.last_active = r.nullable_text("last_active_at");
        for (auto& [product, via] : pairs_at(r, "access")) {
            auto& access = row.access[product];
            if (via) {
                access.groups.push_back(std::move(*via));
            } else {
                access.direct = true;
            }
        }
        row.groups = strings_at(r, "groups");
        out.push_back(std::move(row));
    });
    return out;
}

}  // namespace scim::store
