#include "scim/store/organization_groups.hpp"

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "group_rows.hpp"
#include "identifiers.hpp"
#include "row_values.hpp"
#include "statements.hpp"
#include "scim/core/crypto.hpp"

namespace scim::store {
namespace {

// What the admin API shows of a group; the directory's name is for the sync lock's message.
constexpr char const* organization_group_columns =
    "SELECT g.id::text, g.display_name, g.description, g.directory_id::text, d.name, g.member_count, "
    SCIMD_SQL_RFC3339("g.created") ", " SCIMD_SQL_RFC3339("g.last_modified")
    " FROM scim_groups g LEFT JOIN directories d ON d.id = g.directory_id";

// The listing's order and prefix key: the expression of index scim_groups_organization_display_name
// (schemas/sql/010_group_admin.sql), folded as the unique key is.
constexpr char const* display_name_key = "(lower(g.display_name COLLATE \"und-x-icu\") COLLATE \"C\")";

organization_group to_organization_group(soci::row const& r) {
    organization_group g;
    g.id = r.get<std::string>(0);
    g.display_name = r.get<std::string>(1);
    g.description = nullable_text(r, 2);
    if (auto const directory = nullable_text(r, 3)) g.synced_by = syncing_directory{*directory, r.get<std::string>(4)};
    g.member_count = r.get<long long>(5);
    g.created = r.get<std::string>(6);
    g.last_modified = r.get<std::string>(7);
    return g;
}

// " WHERE g.organization_id = <organization>"
sql_text of_organization(std::string const& organization_id) {
    sql_text sql;
    sql << " WHERE g.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    return sql;
}

void attach_product_grants(soci::session& s, std::vector<organization_group>& groups) {
    std::vector<std::string> ids;
    for (auto const& g : groups) ids.push_back(g.id);
    auto grants = product_grants_of(s, ids);
    for (auto& g : groups) {
        if (auto found = grants.find(g.id); found != grants.end()) g.product_grants = std::move(found->second);
    }
}

}  // namespace

organization_group create_admin_group(soci::session& s, std::string const& organization_id, std::string const& display_name,
                                      std::optional<std::string> const& description) {
    auto const id = core::random_uuid();
    sql_text sql;
    // The attributes hold what a SCIM representation would (004_groups.sql), never shown by SCIM.
    sql << "INSERT INTO scim_groups (id, organization_id, directory_id, display_name, description, attributes) VALUES (CAST(";
    sql.bind(id) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), NULL, ";
    sql.bind(display_name) << ", ";
    if (description) {
        sql.bind(*description);
    } else {
        sql << "NULL";
    }
    sql << ", jsonb_build_object('displayName', CAST(";
    sql.bind(display_name) << " AS text)))";
    guarding_display_name(display_name, [&] { return execute(s, sql); });
    return *find_organization_group(s, organization_id, id);
}

std::optional<organization_group> find_organization_group(soci::session& s, std::string const& organization_id,
                                                          std::string const& group_id, bool for_update) {
    std::optional<organization_group> out;
    if (!is_uuid(organization_id) || !is_uuid(group_id)) return out;
    auto sql = of_organization(organization_id).after(organization_group_columns);
    sql << " AND g.id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    if (for_update) sql << " FOR UPDATE OF g";
    for_each_row(s, sql, [&](soci::row const& r) { out = to_organization_group(r); });
    if (out) out->product_grants = std::move(product_grants_of(s, {out->id})[out->id]);
    return out;
}

organization_group_page list_organization_groups(soci::session& s, std::string const& organization_id,
                                                 std::string const& display_name_prefix, std::int64_t offset,
                                                 std::int64_t limit) {
    organization_group_page page;
    if (!is_uuid(organization_id)) return page;
    auto where = of_organization(organization_id);
    if (!display_name_prefix.empty()) {
        // As the filters' "sw" (filter_sql.hpp): both sides folded alike, a range of the index.
        where << " AND " << display_name_key << " LIKE (lower(CAST(";
        where.bind(like_escape(display_name_prefix) + "%") << " AS text) COLLATE \"und-x-icu\") COLLATE \"C\")";
    }
    for_each_row(s, where.after("SELECT count(*) FROM scim_groups g"),
                 [&](soci::row const& r) { page.total = r.get<long long>(0); });
    if (limit <= 0) return page;
    auto sql = where.after(organization_group_columns);
    sql << " ORDER BY " << display_name_key << ", g.id LIMIT " << std::to_string(limit) << " OFFSET "
        << std::to_string(offset);
    for_each_row(s, sql, [&](soci::row const& r) { page.groups.push_back(to_organization_group(r)); });
    attach_product_grants(s, page.groups);
    return page;
}

void change_group_details(soci::session& s, std::string const& group_id, group_details_change const& change) {
    sql_text set;
    if (change.display_name) {
        set << "display_name = ";
        set.bind(*change.display_name) << ", attributes = jsonb_set(attributes, '{displayName}', to_jsonb(CAST(";
        set.bind(*change.display_name) << " AS text))), version = version + 1, last_modified = clock_timestamp()";
    }
    if (change.description) {
        set << (change.display_name ? ", " : "") << "description = ";
        if (*change.description) {
            set.bind(**change.description);
        } else {
            set << "NULL";
        }
    }
    if (set.text().empty()) return;
    set << " WHERE id = CAST(";
    set.bind(group_id) << " AS uuid)";
    guarding_display_name(change.display_name.value_or(""), [&] { return execute(s, set.after("UPDATE scim_groups SET ")); });
}

void delete_admin_group(soci::session& s, std::string const& group_id) {
    // Never a synced group: its directory would push it back (domain::check_group_edit).
    sql_text sql;
    sql << "DELETE FROM scim_groups WHERE directory_id IS NULL AND id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    execute(s, sql);
}

}  // namespace scim::store
