#include "scim/store/organization_group_grants.hpp"

#include "identifiers.hpp"
#include "session.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

// The grant's row as both changes name it.
void bind_grant(sql_text& sql, std::string const& group_id, std::string const& site_id, std::string const& product) {
    sql << "CAST(";
    sql.bind(group_id) << " AS uuid), CAST(";
    sql.bind(site_id) << " AS uuid), ";
    sql.bind(product);
}

}  // namespace

bool grant_group_product(session& s, std::string const& group_id, std::string const& site_id,
                         std::string const& product) {
    sql_text sql;
    sql << "INSERT INTO group_product_grants (group_id, site_id, product) VALUES (";
    bind_grant(sql, group_id, site_id, product);
    sql << ") ON CONFLICT DO NOTHING";
    return s.run(sql).affected_rows() > 0;
}

bool revoke_group_product(session& s, std::string const& group_id, std::string const& site_id,
                          std::string const& product) {
    sql_text sql;
    sql << "DELETE FROM group_product_grants WHERE (group_id, site_id, product) = (";
    bind_grant(sql, group_id, site_id, product);
    sql << ")";
    return s.run(sql).affected_rows() > 0;
}

std::map<std::string, std::vector<product_grant>> product_grants_of(session& s,
                                                                    std::vector<std::string> const& group_ids) {
    std::map<std::string, std::vector<product_grant>> out;
    auto const valid = uuids_among(group_ids);
    if (valid.empty()) return out;
    sql_text sql;
    sql << "SELECT gp.group_id::text AS group_id, gp.site_id::text AS site_id, t.name AS site_name, gp.product, "
           SCIMD_SQL_RFC3339("gp.granted_at") " AS granted_at FROM group_product_grants gp JOIN sites t ON t.id = gp.site_id "
           "WHERE gp.group_id = ANY (CAST(";
    sql.bind(uuid_array(valid)) << " AS uuid[])) ORDER BY gp.group_id, t.name, gp.product";
    for (auto const& r : s.run(sql)) {
        out[r.text("group_id")].push_back(
            {r.text("site_id"), r.text("site_name"), r.text("product"), r.text("granted_at")});
    }
    return out;
}

}  // namespace scim::store
