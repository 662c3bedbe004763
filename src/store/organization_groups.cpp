#include "scim/store/organization_groups.hpp"

#include <utility>

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

// What the admin API shows of a group; the directory's name is for the sync lock's message.
constexpr char const* organization_group_columns =
    "SELECT g.id::text AS id, g.display_name, g.description, g.directory_id::text AS directory_id, "
    "d.name AS directory_name, g.member_count, " SCIMD_SQL_RFC3339("g.created") " AS created, "
    SCIMD_SQL_RFC3339("g.last_modified") " AS last_modified "
    "FROM scim_groups g LEFT JOIN directories d ON d.id = g.directory_id";

// The listing's order and prefix key: the expression of index scim_groups_organization_display_name
// (schemas/sql/010_group_admin.sql), folded as the unique key is.
constexpr char const* display_name_key = "(lower(g.display_name COLLATE \"und-x-icu\") COLLATE \"C\")";

// What an INSERT of an admin-kept group returns: the same columns, no directory.
constexpr char const* returned_columns =
    "g.id::text AS id, g.display_name, g.description, NULL::text AS directory_id, g.member_count, " SCIMD_SQL_RFC3339(
        "g.created") " AS created, " SCIMD_SQL_RFC3339("g.last_modified") " AS last_modified";

std::optional<syncing_directory> synced_by_of(sql_row const& r) {
    auto directory = r.nullable_text("directory_id");
    if (!directory) return std::nullopt;
    return syncing_directory{std::move(*directory), r.text("directory_name")};
}

organization_group to_organization_group(sql_row const& r) {
    organization_group g;
    g.id = r.text("id");
    g.display_name = r.text("display_name");
    g.description = r.nullable_text("description");
    g.synced_by = synced_by_of(r);
    g.member_count = r.number("member_count");
    g.created = r.text("created");
    g.last_modified = r.text("last_modified");
    return g;
}

// " WHERE g.organization_id = <organization>"
sql_text of_organization(std::string const& organization_id) {
    sql_text sql;
    sql << " WHERE g.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    return sql;
}

void attach_product_grants(session& s, std::vector<organization_group>& groups) {
    std::vector<std::string> ids;
    for (auto const& g : groups) ids.push_back(g.id);
    auto grants = product_grants_of(s, ids);
    for (auto& g : groups) {
        if (auto found = grants.find(g.id); found != grants.end()) g.product_grants = std::move(found->second);
    }
}

}  // namespace

std::optional<organization_group> create_admin_group(session& s, std::string const& organization_id,
                                                     std::string const& display_name,
                                                     std::optional<std::string> const& description) {
    sql_text sql;
    // The attributes hold what a SCIM representation would (004_groups.sql), never shown by SCIM.
    // ON CONFLICT: the only key a new id can meet is scim_groups_display_name_key.
    sql << "INSERT INTO scim_groups AS g (id, organization_id, directory_id, display_name, description, attributes) "
           "VALUES (CAST(";
    sql.bind(core::random_uuid()) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), NULL, ";
    sql.bind(display_name) << ", ";
    sql.bind_nullable(description) << ", jsonb_build_object('displayName', CAST(";
    sql.bind(display_name) << " AS text))) ON CONFLICT DO NOTHING RETURNING " << returned_columns;
    std::optional<organization_group> out;
    for (auto const& r : s.run(sql)) out = to_organization_group(r);
    return out;
}

std::optional<organization_group> find_organization_group(session& s, std::string const& organization_id,
                                                          std::string const& group_id) {
    std::optional<organization_group> out;
    if (!is_uuid(organization_id) || !is_uuid(group_id)) return out;
    auto sql = of_organization(organization_id).after(organization_group_columns);
    sql << " AND g.id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    for (auto const& r : s.run(sql)) out = to_organization_group(r);
    if (out) out->product_grants = std::move(product_grants_of(s, {out->id})[out->id]);
    return out;
}

std::optional<organization_group_head> find_organization_group_head(session& s, std::string const& organization_id,
                                                                    std::string const& group_id, bool for_update) {
    std::optional<organization_group_head> out;
    if (!is_uuid(organization_id) || !is_uuid(group_id)) return out;
    auto sql = of_organization(organization_id)
                   .after(
                       "SELECT g.id::text AS id, g.directory_id::text AS directory_id, d.name AS directory_name, "
                       "g.member_count "
                       "FROM scim_groups g LEFT JOIN directories d ON d.id = g.directory_id");
    sql << " AND g.id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    if (for_update) sql << " FOR UPDATE OF g";
    for (auto const& r : s.run(sql))
        out = organization_group_head{r.text("id"), synced_by_of(r), r.number("member_count")};
    return out;
}

organization_group_page list_organization_groups(session& s, std::string const& organization_id,
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
    for (auto const& r : s.run(where.after("SELECT count(*) AS total FROM scim_groups g")))
        page.total = r.number("total");
    if (limit <= 0) return page;
    auto sql = where.after(organization_group_columns);
    sql << " ORDER BY " << display_name_key << ", g.id LIMIT ";
    sql.bind_number(limit) << " OFFSET ";
    sql.bind_number(offset);
    for (auto const& r : s.run(sql)) page.groups.push_back(to_organization_group(r));
    attach_product_grants(s, page.groups);
    return page;
}

bool change_group_details(session& s, std::string const& group_id, group_details_change const& change) {
    sql_text set;
    if (change.display_name) {
        set << "display_name = ";
        set.bind(*change.display_name) << ", attributes = jsonb_set(attributes, '{displayName}', to_jsonb(CAST(";
        set.bind(*change.display_name) << " AS text))), version = version + 1, last_modified = clock_timestamp()";
    }
    if (change.description) {
        set << (change.display_name ? ", " : "") << "description = ";
        set.bind_nullable(*change.description);
    }
    if (set.text().empty()) return true;
    set << " WHERE id = CAST(";
    set.bind(group_id) << " AS uuid)";
    try {
        s.run(set.after("UPDATE scim_groups SET "));
    } catch (sql_error const& e) {
        // scim_groups_display_name_key: the only key an UPDATE of these columns can break.
        if (!e.is(sql_state::unique_violation)) throw;
        return false;
    }
    return true;
}

void delete_admin_group(session& s, std::string const& group_id) {
    // Never a synced group: its directory would push it back (domain::check_group_edit).
    sql_text sql;
    sql << "DELETE FROM scim_groups WHERE directory_id IS NULL AND id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    s.run(sql);
}

}  // namespace scim::store
