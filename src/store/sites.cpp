#include "scim/store/sites.hpp"

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "session.hpp"
#include "site_sql.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

constexpr char const* site_columns =
    "st.id::text AS id, st.name, st.url, " SCIMD_SQL_RFC3339("st.created") " AS created, "
    "(SELECT coalesce(string_agg(p.product, ',' ORDER BY p.product), '') FROM site_products p WHERE p.site_id = st.id) "
    "AS products";

site_row to_site(sql_row const& r) {
    return {r.text("id"), r.text("name"), r.text("url"), r.text("created"), split_products(r.text("products"))};
}

sql_text sites_of(std::string const& organization_id) {
    sql_text sql;
    sql << "SELECT " << site_columns << " FROM sites st WHERE st.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    return sql;
}

}  // namespace

std::optional<site_row> create_site(session& s, std::string const& organization_id, std::string const& name,
                                    std::string const& url, std::vector<std::string> const& products) {
    // ON CONFLICT: a new id can only meet the site's name in the organization or its URL; then
    // nothing is inserted, the products neither, and no row comes back. The products travel as
    // one comma-joined text (names hold no comma, domain::normalize_product).
    std::string joined;
    for (auto const& product : products) joined += (joined.empty() ? "" : ",") + product;
    sql_text sql;
    sql << "WITH st AS (INSERT INTO sites AS st (id, organization_id, name, url) VALUES (CAST(";
    sql.bind(core::random_uuid()) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), ";
    sql.bind(name) << ", ";
    sql.bind(url) << ") ON CONFLICT DO NOTHING RETURNING st.id, st.name, st.url, st.created), "
                     "offered AS (INSERT INTO site_products (site_id, product) SELECT DISTINCT st.id, p.product "
                     "FROM st CROSS JOIN unnest(string_to_array(";
    sql.bind(joined) << ", ',')) AS p (product) WHERE p.product <> '' ON CONFLICT DO NOTHING RETURNING product) "
                        "SELECT st.id::text AS id, st.name, st.url, " SCIMD_SQL_RFC3339("st.created") " AS created, "
                        "(SELECT coalesce(string_agg(o.product, ',' ORDER BY o.product), '') FROM offered o) AS products "
                        "FROM st";
    std::optional<site_row> out;
    for (auto const& r : s.run(sql)) out = to_site(r);
    return out;
}

std::vector<site_row> list_sites(session& s, std::string const& organization_id) {
    std::vector<site_row> out;
    if (!is_uuid(organization_id)) return out;
    auto sql = sites_of(organization_id);
    sql << " ORDER BY st.name, st.id";
    for (auto const& r : s.run(sql)) out.push_back(to_site(r));
    return out;
}

std::optional<site_row> find_site(session& s, std::string const& organization_id, std::string const& site_id,
                                  bool for_update) {
    std::optional<site_row> out;
    if (!is_uuid(organization_id) || !is_uuid(site_id)) return out;
    auto sql = sites_of(organization_id);
    sql << " AND st.id = CAST(";
    sql.bind(site_id) << " AS uuid)";
    if (for_update) sql << " FOR UPDATE";
    for (auto const& r : s.run(sql)) out = to_site(r);
    return out;
}

bool rename_site(session& s, std::string const& site_id, std::string const& name) {
    sql_text sql;
    sql << "UPDATE sites SET name = ";
    sql.bind(name) << " WHERE id = CAST(";
    sql.bind(site_id) << " AS uuid)";
    try {
        s.run(sql);
    } catch (sql_error const& e) {
        // sites_name_key: the only key a new name can break.
        if (!e.is(sql_state::unique_violation)) throw;
        return false;
    }
    return true;
}

std::int64_t count_site_users(session& s, std::string const& site_id) {
    sql_text sql;
    sql << "SELECT count(*) AS users FROM site_memberships WHERE site_id = CAST(";
    sql.bind(site_id) << " AS uuid)";
    return s.run(sql).front().number("users");
}

void delete_site(session& s, std::string const& site_id) {
    sql_text sql;
    sql << "DELETE FROM sites WHERE id = CAST(";
    sql.bind(site_id) << " AS uuid)";
    s.run(sql);
}

std::vector<std::string> add_site_product(session& s, std::string const& site_id, std::string const& product) {
    // The statement's own snapshot does not see its insert: the new product comes from RETURNING.
    sql_text sql;
    sql << "WITH added AS (INSERT INTO site_products (site_id, product) VALUES (CAST(";
    sql.bind(site_id) << " AS uuid), ";
    sql.bind(product) << ") ON CONFLICT DO NOTHING RETURNING product) "
                         "SELECT coalesce(string_agg(x.product, ',' ORDER BY x.product), '') AS products FROM ("
                         "SELECT p.product FROM site_products p WHERE p.site_id = CAST(";
    sql.bind(site_id) << " AS uuid) UNION SELECT a.product FROM added a) x";
    return split_products(s.run(sql).front().text("products"));
}

bool remove_site_product(session& s, std::string const& site_id, std::string const& product) {
    sql_text sql;
    sql << "DELETE FROM site_products WHERE site_id = CAST(";
    sql.bind(site_id) << " AS uuid) AND product = ";
    sql.bind(product);
    return s.run(sql).affected_rows() > 0;
}

}  // namespace scim::store
