#include "scim/store/organization_group_members.hpp"

#include "identifiers.hpp"
#include "session.hpp"
#include "site_sql.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

constexpr char const* group_account_columns =
    "a.id::text AS id, a.email, a.display_name, coalesce(a.claimed_by = org.id, false) AS managed";

}  // namespace

bool lock_group_candidate(session& s, std::string const& organization_id, std::string const& account_id) {
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return false;
    // FOR SHARE: an erasure (lifecycle 'deleted', which empties its memberships by trigger,
    // 010_group_admin.sql) waits for this transaction, or this one sees it done.
    auto sql = with_organization(organization_id);
    sql << "SELECT 1 AS visible FROM org CROSS JOIN accounts a WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid) AND a.lifecycle <> 'deleted' AND " << account_visible_to_org
                         << " FOR SHARE OF a";
    return !s.run(sql).empty();
}

bool add_group_account(session& s, std::string const& group_id, std::string const& account_id) {
    sql_text insert;
    insert << "INSERT INTO group_account_members (group_id, account_id) VALUES (CAST(";
    insert.bind(group_id) << " AS uuid), CAST(";
    insert.bind(account_id) << " AS uuid)) ON CONFLICT DO NOTHING";
    return s.run(insert).affected_rows() > 0;
}

bool remove_group_account(session& s, std::string const& group_id, std::string const& account_id) {
    if (!is_uuid(group_id) || !is_uuid(account_id)) return false;
    sql_text sql;
    sql << "DELETE FROM group_account_members WHERE group_id = CAST(";
    sql.bind(group_id) << " AS uuid) AND account_id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    return s.run(sql).affected_rows() > 0;
}

std::vector<group_account> list_group_accounts(session& s, std::string const& organization_id,
                                               std::string const& group_id, bool synced, std::int64_t offset,
                                               std::int64_t limit) {
    std::vector<group_account> out;
    if (!is_uuid(organization_id) || !is_uuid(group_id) || limit <= 0) return out;
    auto sql = with_organization(organization_id);
    sql << "SELECT " << group_account_columns;
    if (synced) {
        sql << " FROM org CROSS JOIN scim_group_members m JOIN scim_users u ON u.id = m.user_id "
               "JOIN accounts a ON a.id = u.account_id WHERE m.group_id = CAST(";
        sql.bind(group_id) << " AS uuid) ORDER BY m.user_id";
    } else {
        sql << " FROM org CROSS JOIN group_account_members m JOIN accounts a ON a.id = m.account_id WHERE m.group_id = "
               "CAST(";
        sql.bind(group_id) << " AS uuid) ORDER BY m.account_id";
    }
    sql << " LIMIT ";
    sql.bind_number(limit) << " OFFSET ";
    sql.bind_number(offset);
    for (auto const& r : s.run(sql)) {
        out.push_back({r.text("id"), r.nullable_text("email"), r.nullable_text("display_name"),
                       r.flag("managed") ? domain::account_type::managed : domain::account_type::external});
    }
    return out;
}

std::vector<account_group> groups_of_account(session& s, std::string const& organization_id,
                                             std::string const& account_id) {
    std::vector<account_group> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return out;
    // Admin-kept groups hold the account; synced groups hold its SCIM records (one per
    // directory that links it). Both from the member keys' account and user indexes.
    sql_text sql;
    sql << "SELECT g.id::text AS id, g.display_name, (g.directory_id IS NOT NULL) AS synced FROM scim_groups g JOIN ("
           "SELECT m.group_id FROM group_account_members m WHERE m.account_id = CAST(";
    sql.bind(account_id) << " AS uuid) UNION SELECT m.group_id FROM scim_users u JOIN scim_group_members m "
                            "ON m.user_id = u.id WHERE u.account_id = CAST(";
    sql.bind(account_id) << " AS uuid)) x ON x.group_id = g.id WHERE g.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) ORDER BY (lower(g.display_name COLLATE \"und-x-icu\") COLLATE \"C\"), g.id";
    for (auto const& r : s.run(sql)) out.push_back({r.text("id"), r.text("display_name"), r.flag("synced")});
    return out;
}

}  // namespace scim::store
