#include "scim/store/account_links.hpp"

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"

namespace scim::store {

std::optional<linked_account> lock_linked_account(session& s, std::string const& directory_id,
                                                  std::string const& user_id) {
    if (!is_uuid(directory_id) || !is_uuid(user_id)) return std::nullopt;
    sql_text sql(
        "SELECT a.id::text AS id, a.claimed_by IS NOT DISTINCT FROM d.organization_id AS managed, a.lifecycle, "
        "d.organization_id::text AS organization_id, a.email, a.pending_email, "
        "a.synced_by IS NOT DISTINCT FROM u.directory_id AS owned "
        "FROM scim_users u JOIN directories d ON d.id = u.directory_id JOIN accounts a ON a.id = u.account_id "
        "WHERE u.id = CAST(");
    sql.bind(user_id) << " AS uuid) AND u.directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid) FOR UPDATE OF a";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    auto const r = rows.front();
    linked_account a;
    a.id = r.text("id");
    a.managed = r.flag("managed");
    a.lifecycle = domain::parse_lifecycle(r.text("lifecycle")).value_or(domain::lifecycle::active);
    a.organization_id = r.text("organization_id");
    a.email = r.nullable_text("email");
    a.pending_email = r.nullable_text("pending_email");
    a.owned = r.flag("owned");
    return a;
}

namespace {

constexpr char const* account_state_columns = "id::text AS id, claimed_by::text AS claimed_by, lifecycle";

account_state to_account_state(sql_row const& r) {
    return {r.text("id"), r.nullable_text("claimed_by"),
            domain::parse_lifecycle(r.text("lifecycle")).value_or(domain::lifecycle::active)};
}

// The domain of `email` among the organization's domains, locked FOR KEY SHARE whatever its
// state (and whatever the address, a FROM item of one row at most): its organization as
// `organization_id` when the organization claimed it, NULL otherwise — the claim of an account
// that appears on the domain (DOMAIN.md: accounts on a claimed domain are claimed at creation).
// A claim or a removal of the domain holds the row FOR UPDATE (service/domains.cpp): an account
// written meanwhile waits for it and then sees the domain as it left it, or was written first
// and is seen by it. Either way no account stays unclaimed on a claimed domain, and none stays
// managed on a removed one.
void domain_claim(sql_text& sql, std::string const& organization_id, std::optional<std::string> const& email) {
    auto const domain = email ? domain::email_domain(*email) : std::nullopt;
    sql << "(SELECT CASE WHEN m.state = 'claimed' THEN m.organization_id END AS organization_id FROM domains m "
           "WHERE m.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND m.name = ";
    sql.bind_nullable(domain) << " FOR KEY SHARE OF m)";
}

// "lifecycle = …" for a directory's push: a scheduled deletion keeps its due date while the account
// stays pending deletion, and loses it when the push brings the account back
// (domain::follow_directory never schedules one).
void lifecycle_to(sql_text& sql, domain::lifecycle lifecycle) {
    auto const state = std::string(domain::to_string(lifecycle));
    sql << "lifecycle = ";
    sql.bind(state) << ", deletion_due_at = CASE WHEN CAST(";
    sql.bind(state) << " AS text) = 'pending_deletion' THEN deletion_due_at END";
}

}  // namespace

std::optional<account_state> lock_account_by_email(session& s, std::string const& email) {
    // Any case, as accounts_email_key; a deleted account's address is free.
    sql_text sql(std::string("SELECT ") + account_state_columns +
                 " FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(");
    sql.bind(email) << " AS text) COLLATE \"und-x-icu\") AND lifecycle <> 'deleted' FOR UPDATE";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_account_state(rows.front());
}

std::optional<account_state> insert_synced_account(session& s, domain::account_profile const& p,
                                                   std::string const& directory_id,
                                                   std::string const& organization_id) {
    sql_text sql(
        "INSERT INTO accounts (id, email, claimed_by, synced_by, display_name, given_name, family_name, job_title, "
        "department, organization_name, timezone, preferred_language) VALUES (CAST(");
    sql.bind(core::random_uuid()) << " AS uuid), ";
    sql.bind_nullable(p.email) << ", ";
    domain_claim(sql, organization_id, p.email);
    // The directory whose user links it next owns it when its organization claims it.
    sql << ", CASE WHEN ";
    domain_claim(sql, organization_id, p.email);
    sql << " IS NOT NULL THEN CAST(";
    sql.bind(directory_id) << " AS uuid) END";
    for (auto const* field : {&p.display_name, &p.given_name, &p.family_name, &p.job_title, &p.department,
                              &p.organization_name, &p.timezone, &p.preferred_language}) {
        sql << ", ";
        sql.bind_nullable(*field);
    }
    sql << ") ON CONFLICT DO NOTHING RETURNING " << account_state_columns;
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_account_state(rows.front());
}

adopted_account adopt_account(session& s, std::string const& account_id, std::string const& directory_id,
                              std::string const& organization_id, std::string const& email) {
    // The claim as it will be, twice: claimed_by, and whether the directory becomes the owner.
    auto claim = [&](sql_text& sql) {
        sql << "coalesce(a.claimed_by, ";
        domain_claim(sql, organization_id, email);
        sql << ")";
    };
    sql_text sql("UPDATE accounts a SET claimed_by = ");
    claim(sql);
    // The first directory of the claiming organization to link it owns it (017_sync_owner.sql).
    sql << ", synced_by = coalesce(a.synced_by, CASE WHEN ";
    claim(sql);
    sql << " = CAST(";
    sql.bind(organization_id) << " AS uuid) THEN CAST(";
    sql.bind(directory_id) << " AS uuid) END) WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid) RETURNING " << account_state_columns
                         << ", a.synced_by IS NOT DISTINCT FROM CAST(";
    sql.bind(directory_id) << " AS uuid) AS owned";
    auto const row = s.run(sql).front();
    return {to_account_state(row), row.flag("owned")};
}

// Two requests creating the same account at once agree on one row.
std::string find_or_create_account(session& s, std::optional<std::string> const& email, bool& created) {
    created = false;
    // Any case, as accounts_email_key; a deleted account's address is free.
    auto find = [&](std::string const& address) -> std::optional<std::string> {
        sql_text sql("SELECT id::text AS id FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(");
        sql.bind(address) << " AS text) COLLATE \"und-x-icu\") AND lifecycle <> 'deleted' FOR UPDATE";
        auto const rows = s.run(sql);
        if (rows.empty()) return std::nullopt;
        return rows.front().text("id");
    };
    if (email) {
        if (auto id = find(*email)) return *id;
    }
    std::string const id = core::random_uuid();
    sql_text insert("INSERT INTO accounts (id, email) VALUES (CAST(");
    insert.bind(id) << " AS uuid), ";
    insert.bind_nullable(email) << ") ON CONFLICT DO NOTHING";
    if (s.run(insert).affected_rows() == 1) {
        created = true;
        return id;
    }
    // Created by a concurrent request since the lookup.
    return find(email.value_or(std::string())).value();
}

void claim_if_domain_claimed(session& s, std::string const& account_id, std::string const& organization_id,
                             std::string const& email) {
    sql_text sql("UPDATE accounts a SET claimed_by = c.organization_id FROM ");
    domain_claim(sql, organization_id, email);
    sql << " c WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid) AND a.claimed_by IS NULL AND c.organization_id IS NOT NULL";
    s.run(sql);
}

void write_profile(session& s, std::string const& account_id, domain::account_profile const& p,
                   domain::lifecycle lifecycle) {
    sql_text sql("UPDATE accounts SET ");
    auto field = [&](char const* column, std::optional<std::string> const& value) {
        sql << column << " = ";
        sql.bind_nullable(value) << ", ";
    };
    field("display_name", p.display_name);
    field("given_name", p.given_name);
    field("family_name", p.family_name);
    field("job_title", p.job_title);
    field("department", p.department);
    field("organization_name", p.organization_name);
    field("timezone", p.timezone);
    field("preferred_language", p.preferred_language);
    lifecycle_to(sql, lifecycle);
    sql << " WHERE id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    s.run(sql);
}

std::optional<owner_link> next_sync_owner(session& s, std::string const& account_id, std::string const& organization_id,
                                          std::string const& leaving_directory_id) {
    // account_sync_owner() of 017_sync_owner.sql without the leaving directory's link.
    sql_text sql(
        "SELECT u.directory_id::text AS directory_id, u.attributes::text AS attributes FROM scim_users u "
        "JOIN directories d ON d.id = u.directory_id WHERE u.account_id = CAST(");
    sql.bind(account_id) << " AS uuid) AND d.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND u.directory_id <> CAST(";
    sql.bind(leaving_directory_id) << " AS uuid) ORDER BY u.created, u.id LIMIT 1";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return owner_link{rows.front().text("directory_id"), rows.front().text("attributes")};
}

void set_account_lifecycle(session& s, std::string const& account_id, domain::lifecycle lifecycle) {
    sql_text sql("UPDATE accounts SET ");
    lifecycle_to(sql, lifecycle);
    sql << " WHERE id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    s.run(sql);
}

std::optional<std::string> account_of_user(session& s, std::string const& directory_id, std::string const& user_id) {
    if (!is_uuid(directory_id) || !is_uuid(user_id)) return std::nullopt;
    sql_text sql("SELECT account_id::text AS account_id FROM scim_users WHERE id = CAST(");
    sql.bind(user_id) << " AS uuid) AND directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid)";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return rows.front().nullable_text("account_id");
}

}  // namespace scim::store
