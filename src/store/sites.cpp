#include "scim/store/sites.hpp"

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "site_sql.hpp"
#include "sql_errors.hpp"
#include "statements.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

constexpr char const* site_columns =
    "st.id::text, st.name, st.url, " SCIMD_SQL_RFC3339("st.created") ", "
    "(SELECT coalesce(string_agg(p.product, ',' ORDER BY p.product), '') FROM site_products p WHERE p.site_id = st.id)";

site_row to_site(soci::row const& r) {
    return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
            split_products(r.get<std::string>(4))};
}

sql_text sites_of(std::string const& organization_id) {
    sql_text sql;
    sql << "SELECT " << site_columns << " FROM sites st WHERE st.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    return sql;
}

}  // namespace

site_row create_site(soci::session& s, std::string const& organization_id, std::string const& name, std::string const& url,
                     std::vector<std::string> const& products) {
    auto const id = core::random_uuid();
    sql_text insert;
    insert << "INSERT INTO sites (id, organization_id, name, url) VALUES (CAST(";
    insert.bind(id) << " AS uuid), CAST(";
    insert.bind(organization_id) << " AS uuid), ";
    insert.bind(name) << ", ";
    insert.bind(url) << ")";
    try {
        execute(s, insert);
    } catch (soci::soci_error const& e) {
        if (sqlstate_of(e) != "23505") throw;
        throw core::error(core::error_type::uniqueness,
                          "a site named \"" + name + "\" or at " + url + " already exists; site names are unique in the "
                          "organization and a host name serves one site");
    }
    for (auto const& product : products) add_site_product(s, id, product);
    return *find_site(s, organization_id, id);
}

std::vector<site_row> list_sites(soci::session& s, std::string const& organization_id) {
    std::vector<site_row> out;
    if (!is_uuid(organization_id)) return out;
    auto sql = sites_of(organization_id);
    sql << " ORDER BY st.name, st.id";
    for_each_row(s, sql, [&](soci::row const& r) { out.push_back(to_site(r)); });
    return out;
}

std::optional<site_row> find_site(soci::session& s, std::string const& organization_id, std::string const& site_id,
                                  bool for_update) {
    std::optional<site_row> out;
    if (!is_uuid(organization_id) || !is_uuid(site_id)) return out;
    auto sql = sites_of(organization_id);
    sql << " AND st.id = CAST(";
    sql.bind(site_id) << " AS uuid)";
    if (for_update) sql << " FOR UPDATE";
    for_each_row(s, sql, [&](soci::row const& r) { out = to_site(r); });
    return out;
}

void add_site_product(soci::session& s, std::string const& site_id, std::string const& product) {
    sql_text sql;
    sql << "INSERT INTO site_products (site_id, product) VALUES (CAST(";
    sql.bind(site_id) << " AS uuid), ";
    sql.bind(product) << ") ON CONFLICT DO NOTHING";
    execute(s, sql);
}

bool remove_site_product(soci::session& s, std::string const& site_id, std::string const& product) {
    sql_text sql;
    sql << "DELETE FROM site_products WHERE site_id = CAST(";
    sql.bind(site_id) << " AS uuid) AND product = ";
    sql.bind(product);
    return execute(s, sql) > 0;
}

}  // namespace scim::store
