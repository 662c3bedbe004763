#include "scim/store/site_memberships.hpp"

#include "identifiers.hpp"
#include "scim/store/account_links.hpp"
#include "session.hpp"
#include "site_sql.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

// WHERE site_id = … AND account_id = … of one membership.
sql_text& one_membership(sql_text& sql, std::string const& site_id, std::string const& account_id) {
    sql << " WHERE site_id = CAST(";
    sql.bind(site_id) << " AS uuid) AND account_id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    return sql;
}

// The memberships of `account_id` in the sites of the organization of `directory_id`.
sql_text& in_directory_organization(sql_text& sql, std::string const& directory_id, std::string const& account_id) {
    sql << " WHERE m.account_id = CAST(";
    sql.bind(account_id) << " AS uuid) AND m.site_id IN (SELECT st.id FROM sites st JOIN directories d "
                            "ON d.organization_id = st.organization_id WHERE d.id = CAST(";
    sql.bind(directory_id) << " AS uuid))";
    return sql;
}

}  // namespace

std::optional<invitee> find_invitee(session& s, std::string const& organization_id, std::string const& account_id) {
    std::optional<invitee> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return out;
    auto sql = with_organization(organization_id);
    sql << "SELECT a.id::text AS id, a.lifecycle FROM org CROSS JOIN accounts a WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid) AND " << account_visible_to_org << " FOR UPDATE OF a";
    for (auto const& r : s.run(sql)) {
        out = invitee{r.text("id"), domain::parse_lifecycle(r.text("lifecycle")).value_or(domain::lifecycle::active)};
    }
    return out;
}

invitee find_or_create_invitee(session& s, std::string const& organization_id, std::string const& email) {
    bool created = false;
    auto const id = find_or_create_account(s, email, created);
    claim_if_domain_claimed(s, id, organization_id, email);
    sql_text sql;
    sql << "SELECT lifecycle FROM accounts WHERE id = CAST(";
    sql.bind(id) << " AS uuid)";
    std::string state;
    for (auto const& r : s.run(sql)) state = r.text("lifecycle");
    return {id, domain::parse_lifecycle(state).value_or(domain::lifecycle::active)};
}

std::optional<membership> find_membership(session& s, std::string const& site_id, std::string const& account_id,
                                          bool for_update) {
    std::optional<membership> out;
    if (!is_uuid(site_id) || !is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT status, (joined_at IS NOT NULL) AS joined FROM site_memberships";
    one_membership(sql, site_id, account_id);
    if (for_update) sql << " FOR UPDATE";
    for (auto const& r : s.run(sql)) {
        out = membership{domain::parse_membership_status(r.text("status")).value_or(domain::membership_status::invited),
                         r.flag("joined")};
    }
    return out;
}

void insert_membership(session& s, std::string const& site_id, std::string const& account_id) {
    // FOR KEY SHARE: a site being deleted (locked FOR UPDATE, store::delete_site) is either
    // deleted first, and then nothing is inserted, or waits for this transaction and then
    // sees its new user; never a foreign key broken halfway.
    sql_text sql;
    sql << "INSERT INTO site_memberships (site_id, account_id) SELECT st.id, CAST(";
    sql.bind(account_id) << " AS uuid) FROM sites st WHERE st.id = CAST(";
    sql.bind(site_id) << " AS uuid) FOR KEY SHARE";
    s.run(sql);
}

void set_membership_status(session& s, std::string const& site_id, std::string const& account_id,
                           domain::membership_status status) {
    sql_text sql;
    sql << "UPDATE site_memberships SET suspended_by_directory = NULL, status = ";
    sql.bind(std::string(domain::to_string(status)));
    s.run(one_membership(sql, site_id, account_id));
}

void record_site_activity(session& s, std::string const& site_id, std::string const& account_id) {
    sql_text sql;
    sql << "UPDATE site_memberships SET status = 'active', joined_at = coalesce(joined_at, now()), last_active_at = "
           "now()";
    s.run(one_membership(sql, site_id, account_id));
    // The same instant on the account ("last active on any site").
    sql_text account;
    account << "UPDATE accounts a SET last_active_at = m.last_active_at FROM site_memberships m";
    one_membership(account, site_id, account_id) << " AND a.id = m.account_id";
    s.run(account);
}

bool remove_membership(session& s, std::string const& site_id, std::string const& account_id) {
    sql_text sql;
    sql << "DELETE FROM site_memberships";
    return s.run(one_membership(sql, site_id, account_id)).affected_rows() > 0;
}

void grant_product(session& s, std::string const& site_id, std::string const& account_id, std::string const& product) {
    sql_text sql;
    sql << "INSERT INTO site_product_access (site_id, account_id, product) VALUES (CAST(";
    sql.bind(site_id) << " AS uuid), CAST(";
    sql.bind(account_id) << " AS uuid), ";
    sql.bind(product) << ") ON CONFLICT DO NOTHING";
    s.run(sql);
}

bool revoke_product(session& s, std::string const& site_id, std::string const& account_id, std::string const& product) {
    sql_text sql;
    sql << "DELETE FROM site_product_access";
    one_membership(sql, site_id, account_id) << " AND product = ";
    sql.bind(product);
    return s.run(sql).affected_rows() > 0;
}

void suspend_for_directory(session& s, std::string const& directory_id, std::string const& account_id) {
    sql_text sql;
    sql << "UPDATE site_memberships m SET status = 'suspended', suspended_by_directory = CAST(";
    sql.bind(directory_id) << " AS uuid)";
    in_directory_organization(sql, directory_id, account_id) << " AND m.status <> 'suspended'";
    s.run(sql);
}

void restore_for_directory(session& s, std::string const& directory_id, std::string const& account_id) {
    // domain::apply's restore, for the set: active when the invitation was used, else invited.
    sql_text sql;
    sql << "UPDATE site_memberships m SET status = CASE WHEN m.joined_at IS NULL THEN 'invited' ELSE 'active' END, "
           "suspended_by_directory = NULL";
    in_directory_organization(sql, directory_id, account_id) << " AND m.suspended_by_directory = CAST(";
    sql.bind(directory_id) << " AS uuid)";
    s.run(sql);
}

void remove_for_directory(session& s, std::string const& directory_id, std::string const& account_id) {
    sql_text sql;
    sql << "DELETE FROM site_memberships m";
    s.run(in_directory_organization(sql, directory_id, account_id));
}

}  // namespace scim::store
