#include "scim/store/user_listing.hpp"

#include "filter_sql.hpp"
#include "resource_listing.hpp"
#include "user_rows.hpp"

namespace scim::store {
namespace {

using protocol::bound_path;

// emails mirrored by trigger into scim_user_emails (schemas/sql/002_query.sql).
side_table const user_emails{
    "scim_user_emails",
    [](std::string const& alias) { return alias + ".user_id = u.id AND " + alias + ".directory_id = u.directory_id"; },
    [](std::string const& alias, protocol::attribute const& sub) -> std::optional<sql_value> {
        if (sub.name == "value") return sql_value{sql_form::text, alias + ".value"};
        if (sub.name == "type") return sql_value{sql_form::text, alias + ".type"};
        if (sub.name == "display") return sql_value{sql_form::text, alias + ".display"};
        if (sub.name == "primary") return sql_value{sql_form::boolean, alias + ".is_primary"};
        return std::nullopt;
    },
};

// groups is computed from group membership (schemas/sql/004_groups.sql); every membership is
// direct, since members are Users only.
side_table const user_groups{
    "scim_group_members",
    [](std::string const& alias) { return alias + ".user_id = u.id"; },
    [](std::string const& alias, protocol::attribute const& sub) -> std::optional<sql_value> {
        if (sub.name == "value") return sql_value{sql_form::uuid, alias + ".group_id"};
        if (sub.name == "display") {
            return sql_value{sql_form::text,
                             "(SELECT g.display_name FROM scim_groups g WHERE g.id = " + alias + ".group_id)"};
        }
        if (sub.name == "type") return sql_value{sql_form::text, "'direct'"};
        return std::nullopt;
    },
};

std::optional<sql_value> user_column(bound_path const& path) {
    if (!path.attribute) return std::nullopt;
    if (path.common) return common_column(path, "u", "User");
    if (!path.schema_urn.empty() || path.sub_attribute) return std::nullopt;
    auto const& name = path.attribute->name;
    if (name == "userName") return sql_value{sql_form::text, "u.user_name"};
    if (name == "active") return sql_value{sql_form::boolean, "u.active"};
    return std::nullopt;
}

side_table const* user_side_table(bound_path const& path) {
    if (!path.attribute || !path.schema_urn.empty() || path.common) return nullptr;
    if (path.attribute->name == "emails") return &user_emails;
    if (path.attribute->name == "groups") return &user_groups;
    return nullptr;
}

resource_table const users_table{"u.attributes", user_column, user_side_table, "u.search_document"};

listing_source const users_source{"scim_users u", "u", user_columns, user_column_count, &users_table};

}  // namespace

listing<user_row> list_users(soci::session& s, listing_request const& request) {
    return list_rows<user_row>(s, users_source, request, to_user);
}

std::string explain_list_users(soci::session& s, listing_request const& request) {
    return explain_listing(s, users_source, request);
}

}  // namespace scim::store
