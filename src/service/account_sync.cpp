#include "account_sync.hpp"

#include "email_verification.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/store/account_links.hpp"
#include "scim/store/email_changes.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {
namespace {

// `action` when the rules allow it; an identity provider's request never fails on the
// lifecycle an admin chose (an account pending deletion stays so when the IdP reactivates it).
domain::lifecycle after(domain::lifecycle from, domain::lifecycle_action action) {
    try {
        return domain::apply(from, action);
    } catch (core::error const&) {
        return from;
    }
}

domain::lifecycle_action action_of(domain::account_profile const& profile) {
    return profile.active ? domain::lifecycle_action::reactivate : domain::lifecycle_action::deactivate;
}

// An external user's `active` is not the organization's to apply to the account; it says
// whether the user may use the organization's sites.
void apply_to_site_memberships(store::session& s, std::string const& directory_id, std::string const& account_id,
                               bool active) {
    if (active) {
        store::restore_for_directory(s, directory_id, account_id);
    } else {
        store::suspend_for_directory(s, directory_id, account_id);
    }
}

// A new primary address from the identity provider goes through the email change
// (DOMAIN.md "Email change"), never straight onto the account unless the organization
// verified its domain.
void push_email(store::session& s, store::linked_account const& a, std::optional<std::string> const& pushed,
                std::string const& public_url) {
    auto const action =
        domain::on_pushed_email(a.email, a.pending_email, pushed, store::verified_domain_names(s, a.organization_id));
    switch (action) {
        case domain::pushed_email_action::none: return;
        case domain::pushed_email_action::cancel_pending: withdraw_email_change(s, a.id); return;
        case domain::pushed_email_action::apply:
            require_free_address(s, a.id, *pushed);
            // emailVerified stays as it was: the push vouches for the domain, not for the
            // person's control of the mailbox (docs/accounts.md).
            apply_email_change(s, a.organization_id, a.id, a.email, *pushed, false, false);
            return;
        case domain::pushed_email_action::request_verification:
            require_free_address(s, a.id, *pushed);
            queue_email_change(s, a.organization_id, a.id, *pushed, public_url);
            return;
    }
}

}  // namespace

std::string account_for_new_user(store::session& s, std::string const& directory_id, std::string const& organization_id,
                                 domain::account_profile const& profile) {
    auto found = profile.email ? store::lock_account_by_email(s, *profile.email) : std::nullopt;
    if (!found) {
        // A new account takes its profile from the identity provider (DOMAIN.md).
        if (auto const created = store::insert_synced_account(s, profile, directory_id, organization_id)) {
            bool const managed = created->claimed_by == organization_id;
            // Created active; an inactive push of an account the organization manages deactivates it.
            if (managed && !profile.active) {
                store::write_profile(s, created->id, profile, after(created->lifecycle, action_of(profile)));
            }
            return created->id;
        }
        // An account with the address was created by a concurrent request since the lookup.
        found = store::lock_account_by_email(s, profile.email.value());
    }
    auto const account = store::adopt_account(s, found->id, directory_id, organization_id, profile.email.value());
    // An existing account takes the profile only when this organization manages it.
    if (account.claimed_by == organization_id) {
        store::write_profile(s, account.id, profile, after(account.lifecycle, action_of(profile)));
    } else {
        apply_to_site_memberships(s, directory_id, account.id, profile.active);
    }
    return account.id;
}

void push_profile(store::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile, std::string const& public_url) {
    auto const linked = store::lock_linked_account(s, directory_id, user_id);
    if (!linked) return;
    if (!linked->managed) {
        apply_to_site_memberships(s, directory_id, linked->id, profile.active);
        return;
    }
    store::write_profile(s, linked->id, profile, after(linked->lifecycle, action_of(profile)));
    push_email(s, *linked, profile.email, public_url);
}

void unlink_user(store::session& s, std::string const& directory_id, std::string const& user_id) {
    auto const linked = store::lock_linked_account(s, directory_id, user_id);
    if (!linked) return;
    // An external user loses the organization's site memberships (its synced-group memberships
    // go with the SCIM user).
    if (!linked->managed) store::remove_for_directory(s, directory_id, linked->id);
    auto const lifecycle =
        linked->managed ? after(linked->lifecycle, domain::lifecycle_action::deactivate) : linked->lifecycle;
    store::release_account(s, linked->id, directory_id, lifecycle);
}

}  // namespace scim::service
