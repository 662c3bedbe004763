#include "scim/store/scim_groups.hpp"

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "resource_listing.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim_group_columns.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"

namespace scim::store {
namespace {

using protocol::bound_path;

std::optional<group_row> first_group(session& s, sql_text const& sql) {
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_group(rows.front());
}

group_write written(session& s, sql_text const& sql) {
    try {
        return {first_group(s, sql), false};
    } catch (sql_error const& e) {
        if (!e.is(sql_state::unique_violation)) throw;
        return {std::nullopt, true};
    }
}

sql_text where_group(std::string const& directory_id, std::string const& id) {
    sql_text where;
    where << " WHERE g.id = CAST(";
    where.bind(id) << " AS uuid) AND g.directory_id = CAST(";
    where.bind(directory_id) << " AS uuid)";
    return where;
}

// members, one row per member in scim_group_members; the display is the member's.
side_table const group_members_table{
    "scim_group_members",
    [](std::string const& alias) { return alias + ".group_id = g.id"; },
    [](std::string const& alias, protocol::attribute const& sub) -> std::optional<sql_value> {
        if (sub.name == "value") return sql_value{sql_form::uuid, alias + ".user_id"};
        if (sub.name == "display") {
            return sql_value{sql_form::text,
                             "(SELECT coalesce(mu.attributes ->> 'displayName', mu.user_name) "
                             "FROM scim_users mu WHERE mu.id = " +
                                 alias + ".user_id)"};
        }
        if (sub.name == "type") return sql_value{sql_form::text, "'User'"};
        return std::nullopt;
    },
};

constexpr char const* group_extension = "urn:scimd:params:scim:schemas:extension:group:2.0:Group";

std::optional<sql_value> group_column(bound_path const& path) {
    if (!path.attribute) return std::nullopt;
    if (path.common) return common_column(path, "g", "Group");
    auto const& name = path.attribute->name;
    if (path.schema_urn == group_extension) {
        if (name == "memberCount") return sql_value{sql_form::json, "to_jsonb(g.member_count)"};
        throw core::error(core::error_type::invalid_filter,
                          name + " is computed for each response and cannot be filtered or sorted on");
    }
    if (!path.schema_urn.empty() || path.sub_attribute) return std::nullopt;
    if (name == "displayName") return sql_value{sql_form::text, "g.display_name", true};
    return std::nullopt;
}

side_table const* group_side_table(bound_path const& path) {
    bool const members = path.attribute && path.schema_urn.empty() && !path.common && path.attribute->name == "members";
    return members ? &group_members_table : nullptr;
}

resource_table const groups_table{"g.attributes", group_column, group_side_table, "g.search_document", {}};

listing_source const groups_source{"scim_groups g", "g", group_columns,       &groups_table,
                                   "directory_id",  "",  creation_order("g"), resource_tallies_of("Group")};

}  // namespace

side_table const& group_members_side_table() { return group_members_table; }

group_row to_group(sql_row const& r) {
    group_row g;
    g.id = r.text("id");
    g.directory_id = r.text("directory_id");
    g.display_name = r.text("display_name");
    g.external_id = r.nullable_text("external_id");
    g.attributes_json = r.text("attributes");
    g.member_count = r.number("member_count");
    g.version = r.number("version");
    g.created = r.text("created");
    g.last_modified = r.text("last_modified");
    return g;
}

group_write insert_group(session& s, std::string const& directory_id, group_fields const& fields) {
    if (!is_uuid(directory_id)) return {};
    sql_text sql;
    // created and lastModified from one reading of the clock: a new group was never modified
    // (RFC 7643 §3.1), and two column defaults would read it twice.
    sql << "INSERT INTO scim_groups AS g (id, organization_id, directory_id, display_name, external_id, attributes, "
           "created, last_modified) SELECT CAST(";
    sql.bind(core::random_uuid()) << " AS uuid), d.organization_id, d.id, ";
    sql.bind(fields.display_name) << ", ";
    sql.bind_nullable(fields.external_id) << ", CAST(";
    sql.bind(fields.attributes_json) << " AS jsonb), stamp.t, stamp.t FROM directories d CROSS JOIN (SELECT "
                                        "clock_timestamp() AS t) stamp WHERE d.id = CAST(";
    sql.bind(directory_id) << " AS uuid) RETURNING " << group_columns;
    return written(s, sql);
}

std::optional<group_row> find_group(session& s, std::string const& directory_id, std::string const& id) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    return first_group(
        s, where_group(directory_id, id).after(std::string("SELECT ") + group_columns + " FROM scim_groups g"));
}

std::optional<group_row> find_group_for_update(session& s, std::string const& directory_id, std::string const& id) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    auto sql = where_group(directory_id, id).after(std::string("SELECT ") + group_columns + " FROM scim_groups g");
    sql << " FOR UPDATE";
    return first_group(s, sql);
}

group_write update_group(session& s, std::string const& directory_id, std::string const& id, group_fields const& fields,
                         std::int64_t expected_version) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return {};
    sql_text sql;
    sql << "UPDATE scim_groups AS g SET display_name = ";
    sql.bind(fields.display_name) << ", external_id = ";
    sql.bind_nullable(fields.external_id) << ", attributes = CAST(";
    sql.bind(fields.attributes_json)
        << " AS jsonb), version = version + 1, last_modified = clock_timestamp() WHERE g.id = CAST(";
    sql.bind(id) << " AS uuid) AND g.directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid) AND g.version = CAST(";
    sql.bind_number(expected_version) << " AS bigint) RETURNING " << group_columns;
    return written(s, sql);
}

bool delete_group(session& s, std::string const& directory_id, std::string const& id,
                  std::optional<std::int64_t> expected_version) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return false;
    auto sql = where_group(directory_id, id).after("DELETE FROM scim_groups g");
    if (expected_version) {
        sql << " AND g.version = CAST(";
        sql.bind_number(*expected_version) << " AS bigint)";
    }
    return s.run(sql).affected_rows() > 0;
}

listing<group_row> list_groups(session& s, listing_request const& request) {
    return list_rows<group_row>(s, groups_source, request, to_group, groups_source.columns);
}

std::string explain_list_groups(session& s, listing_request const& request) {
    return explain_listing(s, groups_source, request);
}

}  // namespace scim::store
