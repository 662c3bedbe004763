#include "scim/store/accounts.hpp"

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "sql_errors.hpp"
#include "statements.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/store/email_changes.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::store {
namespace {

// The account linked to a user, locked, with what the rules need.
struct linked_account {
    std::string id;
    bool managed = false;
    domain::lifecycle state = domain::lifecycle::active;
    std::string organization_id;  // the directory's
    std::optional<std::string> email;
    std::optional<std::string> pending_email;
};

std::optional<linked_account> lock_linked(soci::session& s, std::string const& directory_id, std::string const& user_id) {
    if (!is_uuid(directory_id) || !is_uuid(user_id)) return std::nullopt;
    linked_account a;
    int managed = 0;
    std::string state;
    std::string email, pending;
    soci::indicator found = soci::i_null, has_email = soci::i_null, has_pending = soci::i_null;
    s << "SELECT a.id::text, (a.claimed_by IS NOT DISTINCT FROM d.organization_id)::int, a.lifecycle, "
         "d.organization_id::text, a.email, a.pending_email "
         "FROM scim_users u JOIN directories d ON d.id = u.directory_id JOIN accounts a ON a.id = u.account_id "
         "WHERE u.id = CAST(:u AS uuid) AND u.directory_id = CAST(:d AS uuid) FOR UPDATE OF a",
        soci::use(user_id, "u"), soci::use(directory_id, "d"), soci::into(a.id, found), soci::into(managed),
        soci::into(state), soci::into(a.organization_id), soci::into(email, has_email), soci::into(pending, has_pending);
    if (!s.got_data() || found != soci::i_ok) return std::nullopt;
    if (has_email == soci::i_ok) a.email = email;
    if (has_pending == soci::i_ok) a.pending_email = pending;
    a.managed = managed != 0;
    a.state = domain::parse_lifecycle(state).value_or(domain::lifecycle::active);
    return a;
}

// `action` when the rules allow it; an identity provider's request never fails on the
// lifecycle an admin chose (an account pending deletion stays so when the IdP reactivates it).
domain::lifecycle after(domain::lifecycle from, domain::lifecycle_action action) {
    try {
        return domain::apply(from, action);
    } catch (core::error const&) {
        return from;
    }
}

void write_profile(soci::session& s, std::string const& account_id, domain::account_profile const& p,
                   domain::lifecycle state) {
    sql_text sql;
    sql << "UPDATE accounts SET ";
    auto field = [&](char const* column, std::optional<std::string> const& value) {
        sql << column << " = ";
        if (value) {
            sql.bind(*value);
        } else {
            sql << "NULL";
        }
        sql << ", ";
    };
    field("display_name", p.display_name);
    field("given_name", p.given_name);
    field("family_name", p.family_name);
    field("job_title", p.job_title);
    field("department", p.department);
    field("organization_name", p.organization_name);
    field("timezone", p.timezone);
    field("preferred_language", p.preferred_language);
    sql << "lifecycle = ";
    sql.bind(std::string(domain::to_string(state))) << " WHERE id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    execute(s, sql);
}

// DOMAIN.md "SCIM mapping": an external user's `active` is not the organization's to apply to
// the account; it says whether the user may use the organization's sites.
void apply_to_site_memberships(soci::session& s, std::string const& directory_id, std::string const& account_id,
                               bool active) {
    if (active) {
        restore_for_directory(s, directory_id, account_id);
    } else {
        suspend_for_directory(s, directory_id, account_id);
    }
}

// A new primary address from the identity provider goes through the email change
// (DOMAIN.md "Email change"), never straight onto the account unless the organization
// verified its domain.
void push_email(soci::session& s, linked_account const& a, std::optional<std::string> const& pushed,
                std::string const& link_base) {
    auto const action =
        domain::on_pushed_email(a.email, a.pending_email, pushed, verified_domain_names(s, a.organization_id));
    switch (action) {
        case domain::pushed_email_action::none: return;
        case domain::pushed_email_action::cancel_pending: cancel_email_change(s, a.id); return;
        case domain::pushed_email_action::apply:
            require_free_address(s, a.id, *pushed);
            // emailVerified stays as it was: the push vouches for the domain, not for the
            // person's control of the mailbox (docs/accounts.md).
            apply_email_change(s, a.organization_id, a.id, *pushed, false, false);
            return;
        case domain::pushed_email_action::request_verification:
            require_free_address(s, a.id, *pushed);
            request_email_change(s, a.organization_id, a.id, *pushed, link_base);
            return;
    }
}

}  // namespace

// Two requests creating the same account at once agree on one row.
std::string find_or_create_account(soci::session& s, std::optional<std::string> const& email, bool& created) {
    created = false;
    // Any case, as accounts_email_key; a deleted account's address is free.
    auto find = [&](std::string const& address) {
        std::string id;
        s << "SELECT id::text FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(:e AS text) COLLATE \"und-x-icu\") "
             "AND lifecycle <> 'deleted' FOR UPDATE",
            soci::use(address, "e"), soci::into(id);
        return s.got_data() ? std::optional<std::string>(id) : std::nullopt;
    };
    if (email) {
        if (auto id = find(*email)) return *id;
    }
    std::string const id = core::random_uuid();
    auto const& address = email ? *email : std::string();
    soci::indicator has_email = email ? soci::i_ok : soci::i_null;
    soci::statement st = (s.prepare << "INSERT INTO accounts (id, email) VALUES (CAST(:id AS uuid), :e) ON CONFLICT DO NOTHING",
                          soci::use(id, "id"), soci::use(address, has_email, "e"));
    st.execute(true);
    if (st.get_affected_rows() == 1) {
        created = true;
        return id;
    }
    // Created by a concurrent request since the lookup.
    return find(address).value();
}

void claim_if_domain_verified(soci::session& s, std::string const& account_id, std::string const& organization_id,
                              std::string const& email) {
    auto const domain = domain::email_domain(email);
    if (!domain) return;
    s << "UPDATE accounts a SET claimed_by = CAST(:o AS uuid) WHERE a.id = CAST(:a AS uuid) AND a.claimed_by IS NULL "
         "AND EXISTS (SELECT 1 FROM domains m WHERE m.organization_id = CAST(:o AS uuid) "
         "AND m.state = 'verified' AND m.name = :n)",
        soci::use(organization_id, "o"), soci::use(account_id, "a"), soci::use(*domain, "n");
}

void link_account(soci::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile) {
    bool created = false;
    auto const account_id = find_or_create_account(s, profile.email, created);
    // Claim: the directory's organization verified the address's domain and nobody claimed
    // the account yet (DOMAIN.md: accounts created later on a verified domain are claimed at
    // creation; linking an existing one claims it as verification would have).
    if (profile.email) {
        std::string organization_id;
        s << "SELECT organization_id::text FROM directories WHERE id = CAST(:d AS uuid)", soci::use(directory_id, "d"),
            soci::into(organization_id);
        claim_if_domain_verified(s, account_id, organization_id, *profile.email);
    }
    s << "UPDATE accounts SET synced_by = coalesce(synced_by, CAST(:d AS uuid)) WHERE id = CAST(:a AS uuid)",
        soci::use(directory_id, "d"), soci::use(account_id, "a");
    try {
        s << "UPDATE scim_users SET account_id = CAST(:a AS uuid) WHERE id = CAST(:u AS uuid)", soci::use(account_id, "a"),
            soci::use(user_id, "u");
    } catch (soci::soci_error const& e) {
        if (sqlstate_of(e) != "23505") throw;
        throw core::error(core::error_type::uniqueness, "the account of " + profile.email.value_or("this user") +
                                                            " is already provisioned in this directory");
    }
    // A new account takes its profile from the identity provider; an existing one only when
    // this organization manages it.
    auto const linked = lock_linked(s, directory_id, user_id);
    if (created || (linked && linked->managed)) {
        auto const state = linked && linked->managed
                               ? after(linked->state, profile.active ? domain::lifecycle_action::reactivate
                                                                     : domain::lifecycle_action::deactivate)
                               : domain::lifecycle::active;
        write_profile(s, account_id, profile, state);
    }
    if (linked && !linked->managed) apply_to_site_memberships(s, directory_id, account_id, profile.active);
}

void push_profile(soci::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile, std::string const& link_base) {
    auto const linked = lock_linked(s, directory_id, user_id);
    if (!linked) return;
    if (!linked->managed) {
        apply_to_site_memberships(s, directory_id, linked->id, profile.active);
        return;
    }
    auto const state =
        after(linked->state, profile.active ? domain::lifecycle_action::reactivate : domain::lifecycle_action::deactivate);
    write_profile(s, linked->id, profile, state);
    push_email(s, *linked, profile.email, link_base);
}

void unlink_account(soci::session& s, std::string const& directory_id, std::string const& user_id) {
    auto const linked = lock_linked(s, directory_id, user_id);
    if (!linked) return;
    // DOMAIN.md: an external user loses the organization's site memberships (its synced-group
    // memberships go with the SCIM user).
    if (!linked->managed) remove_for_directory(s, directory_id, linked->id);
    std::string const state(
        domain::to_string(linked->managed ? after(linked->state, domain::lifecycle_action::deactivate) : linked->state));
    s << "UPDATE accounts SET lifecycle = :lc, synced_by = CASE WHEN synced_by = CAST(:d AS uuid) THEN NULL ELSE synced_by END "
         "WHERE id = CAST(:a AS uuid)",
        soci::use(state, "lc"), soci::use(directory_id, "d"), soci::use(linked->id, "a");
}

std::optional<std::string> account_of_user(soci::session& s, std::string const& directory_id, std::string const& user_id) {
    if (!is_uuid(directory_id) || !is_uuid(user_id)) return std::nullopt;
    std::string id;
    soci::indicator found = soci::i_null;
    s << "SELECT account_id::text FROM scim_users WHERE id = CAST(:u AS uuid) AND directory_id = CAST(:d AS uuid)",
        soci::use(user_id, "u"), soci::use(directory_id, "d"), soci::into(id, found);
    if (!s.got_data() || found != soci::i_ok) return std::nullopt;
    return id;
}

}  // namespace scim::store
