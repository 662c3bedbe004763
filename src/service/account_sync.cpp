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
                std::string const& link_base) {
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
            queue_email_change(s, a.organization_id, a.id, *pushed, link_base);
            return;
    }
}

}  // namespace

void link_new_user(store::session& s, std::string const& directory_id, std::string const& user_id,
                   domain::account_profile const& profile) {
    bool created = false;
    auto const account_id = store::find_or_create_account(s, profile.email, created);
    // Claim: the directory's organization verified the address's domain and nobody claimed
    // the account yet (DOMAIN.md: accounts created later on a verified domain are claimed at
    // creation; linking an existing one claims it as verification would have).
    if (profile.email) {
        auto const directory = store::find_directory(s, directory_id);
        if (directory) store::claim_if_domain_verified(s, account_id, directory->organization_id, *profile.email);
    }
    if (!store::link_user(s, directory_id, user_id, account_id)) {
        throw core::error(core::error_type::uniqueness, "the account of " + profile.email.value_or("this user") +
                                                            " is already provisioned in this directory");
    }
    // A new account takes its profile from the identity provider; an existing one only when
    // this organization manages it.
    auto const linked = store::lock_linked_account(s, directory_id, user_id);
    if (created || (linked && linked->managed)) {
        auto const state =
            linked && linked->managed ? after(linked->lifecycle, action_of(profile)) : domain::lifecycle::active;
        store::write_profile(s, account_id, profile, state);
    }
    if (linked && !linked->managed) apply_to_site_memberships(s, directory_id, account_id, profile.active);
}

void push_profile(store::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile, std::string const& link_base) {
    auto const linked = store::lock_linked_account(s, directory_id, user_id);
    if (!linked) return;
    if (!linked->managed) {
        apply_to_site_memberships(s, directory_id, linked->id, profile.active);
        return;
    }
    store::write_profile(s, linked->id, profile, after(linked->lifecycle, action_of(profile)));
    push_email(s, *linked, profile.email, link_base);
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
