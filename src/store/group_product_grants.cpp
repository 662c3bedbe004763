#include "scim/store/group_product_grants.hpp"

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "statements.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

// The grant's row as both changes name it.
void bind_grant(sql_text& sql, std::string const& group_id, std::string const& site_id, std::string const& product) {
    sql << "CAST(";
    sql.bind(group_id) << " AS uuid), CAST(";
    sql.bind(site_id) << " AS uuid), ";
    sql.bind(product);
}

// The site must be the organization's (404 like a site that does not exist) and offer the
// product (DOMAIN.md "product access": a grant names a product of the site).
void require_site_product(soci::session& s, std::string const& organization_id, std::string const& site_id,
                          std::string const& product) {
    std::optional<std::pair<std::string, bool>> site;
    if (is_uuid(organization_id) && is_uuid(site_id)) {
        sql_text sql;
        sql << "SELECT t.name, EXISTS (SELECT 1 FROM site_products p WHERE p.site_id = t.id AND p.product = ";
        sql.bind(product) << ")::int FROM sites t WHERE t.id = CAST(";
        sql.bind(site_id) << " AS uuid) AND t.organization_id = CAST(";
        sql.bind(organization_id) << " AS uuid)";
        for_each_row(s, sql, [&](soci::row const& r) { site.emplace(r.get<std::string>(0), r.get<int>(1) != 0); });
    }
    if (!site) throw core::error(core::error_type::not_found, "this organization has no site " + site_id);
    if (!site->second) {
        throw core::error(core::error_type::invalid_value,
                          "the site \"" + site->first + "\" does not offer the product \"" + product + "\"");
    }
}

}  // namespace

bool grant_group_product(soci::session& s, std::string const& organization_id, std::string const& group_id,
                         std::string const& site_id, std::string const& product) {
    require_site_product(s, organization_id, site_id, product);
    sql_text sql;
    sql << "INSERT INTO group_product_grants (group_id, site_id, product) VALUES (";
    bind_grant(sql, group_id, site_id, product);
    sql << ") ON CONFLICT DO NOTHING";
    return execute(s, sql) > 0;
}

bool revoke_group_product(soci::session& s, std::string const& organization_id, std::string const& group_id,
                          std::string const& site_id, std::string const& product) {
    require_site_product(s, organization_id, site_id, product);
    sql_text sql;
    sql << "DELETE FROM group_product_grants WHERE (group_id, site_id, product) = (";
    bind_grant(sql, group_id, site_id, product);
    sql << ")";
    return execute(s, sql) > 0;
}

std::map<std::string, std::vector<product_grant>> product_grants_of(soci::session& s,
                                                                    std::vector<std::string> const& group_ids) {
    std::map<std::string, std::vector<product_grant>> out;
    auto const valid = uuids_among(group_ids);
    if (valid.empty()) return out;
    sql_text sql;
    sql << "SELECT gp.group_id::text, gp.site_id::text, t.name, gp.product, " SCIMD_SQL_RFC3339("gp.granted_at")
           " FROM group_product_grants gp JOIN sites t ON t.id = gp.site_id WHERE gp.group_id = ANY (CAST(";
    sql.bind(uuid_array(valid)) << " AS uuid[])) ORDER BY gp.group_id, t.name, gp.product";
    for_each_row(s, sql, [&](soci::row const& r) {
        out[r.get<std::string>(0)].push_back(
            {r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3), r.get<std::string>(4)});
    });
    return out;
}

}  // namespace scim::store
