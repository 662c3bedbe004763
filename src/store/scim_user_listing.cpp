#include "scim/store/scim_users.hpp"

#include "filter_sql.hpp"
#include "resource_listing.hpp"
#include "scim_user_columns.hpp"

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
    true,
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

constexpr char const* account_extension = "urn:scimd:params:scim:schemas:extension:account:2.0:User";

// The account extension's siteMemberships: the account's memberships (schemas/sql/008_sites.sql)
// in the sites of the directory's organization, as store/site_memberships.hpp reads them for
// rendering. Its products (a multi-valued sub-attribute) cannot be filtered on.
side_table const user_site_memberships{
    "site_memberships",
    [](std::string const& alias) {
        return alias + ".account_id = u.account_id AND " + alias +
               ".site_id IN (SELECT st.id FROM sites st JOIN directories sd ON sd.organization_id = st.organization_id "
               "WHERE sd.id = u.directory_id)";
    },
    [](std::string const& alias, protocol::attribute const& sub) -> std::optional<sql_value> {
        if (sub.name == "site") return sql_value{sql_form::uuid, alias + ".site_id"};
        if (sub.name == "siteName") {
            return sql_value{sql_form::text, "(SELECT st.name FROM sites st WHERE st.id = " + alias + ".site_id)"};
        }
        if (sub.name == "status") return sql_value{sql_form::text, alias + ".status"};
        return std::nullopt;
    },
};

// The account extension comes from the linked account (schemas/sql/006_accounts.sql), as
// store/user_rows.hpp reads it for rendering.
std::optional<sql_value> account_column(bound_path const& path) {
    auto of_account = [](sql_form form, std::string const& expression) {
        return sql_value{form,
                         "(SELECT " + expression +
                             " FROM accounts a JOIN directories d ON d.id = u.directory_id WHERE a.id = u.account_id)",
                         false, false};
    };
    auto const& name = path.attribute->name;
    if (name == "twoStepVerification") {
        if (!path.sub_attribute) return of_account(sql_form::boolean, "true");
        if (path.sub_attribute->name == "enrolled") return of_account(sql_form::boolean, "a.two_step_enrolled");
        return of_account(sql_form::timestamp, "a.two_step_excluded_until");
    }
    if (path.sub_attribute) return std::nullopt;
    if (name == "accountId") return sql_value{sql_form::uuid, "u.account_id"};
    if (name == "accountType") {
        return of_account(sql_form::text,
                          "CASE WHEN a.claimed_by = d.organization_id THEN 'managed' ELSE 'external' END");
    }
    if (name == "lifecycle") return of_account(sql_form::text, "a.lifecycle");
    // As rendered (scim_user_columns.hpp): the managing organization's view only.
    if (name == "synced")
        return of_account(sql_form::boolean, "a.synced_by IS NOT NULL AND a.claimed_by = d.organization_id");
    if (name == "syncedBy")
        return of_account(sql_form::text, "CASE WHEN a.claimed_by = d.organization_id THEN a.synced_by::text END");
    if (name == "emailVerified") return of_account(sql_form::boolean, "a.email_verified");
    if (name == "lastActive") return of_account(sql_form::timestamp, "a.last_active_at");
    return std::nullopt;
}

std::optional<sql_value> user_column(bound_path const& path) {
    if (!path.attribute) return std::nullopt;
    if (path.common) return common_column(path, "u", "User");
    if (path.schema_urn == account_extension) return account_column(path);
    if (!path.schema_urn.empty() || path.sub_attribute) return std::nullopt;
    auto const& name = path.attribute->name;
    if (name == "userName") return sql_value{sql_form::text, "u.user_name", true};
    if (name == "active") return sql_value{sql_form::boolean, "u.active", true};
    return std::nullopt;
}

side_table const* user_side_table(bound_path const& path) {
    if (!path.attribute || path.common) return nullptr;
    if (path.schema_urn == account_extension && path.attribute->name == "siteMemberships")
        return &user_site_memberships;
    if (!path.schema_urn.empty()) return nullptr;
    if (path.attribute->name == "emails") return &user_emails;
    if (path.attribute->name == "groups") return &user_groups;
    return nullptr;
}

constexpr char const* enterprise_extension = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

// schemas/sql/013_listing.sql gives every single-valued string (or reference) of the core and
// enterprise schemas kept in the JSON document a sort index: every one the registry offers to
// sortBy, so that any sorted listing is an index range (docs/paging.md).
bool user_sort_indexed(bound_path const& path) {
    if (!path.attribute || path.common || path.attribute->multi_valued) return false;
    if (!path.schema_urn.empty() && path.schema_urn != enterprise_extension) return false;
    auto const& leaf = path.leaf();
    return (leaf.type == protocol::attribute_type::string || leaf.type == protocol::attribute_type::reference) &&
           !user_column(path);
}

resource_table const users_table{"u.attributes", user_column, user_side_table, "u.search_document", user_sort_indexed};

// Without sortBy, in creation order (scim_users_listing, 001_init.sql).
listing_source const users_source{"scim_users u", "u", user_columns,        &users_table,
                                  "directory_id", "",  creation_order("u"), resource_tallies_of("User")};

}  // namespace

listing<user_row> list_users(session& s, listing_request const& request, user_relations relations) {
    return list_rows<user_row>(s, users_source, request, to_user, user_select_list(relations));
}

std::string explain_list_users(session& s, listing_request const& request) {
    return explain_listing(s, users_source, request);
}

}  // namespace scim::store
