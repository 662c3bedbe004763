#include "account_sync.hpp"

#include <boost/json/parse.hpp>

#include "email_verification.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/domain/sync_lock.hpp"
#include "scim/protocol/account_profile.hpp"
#include "scim/store/account_links.hpp"
#include "scim/store/email_changes.hpp"
#include "scim/store/site_memberships.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {
namespace {

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

// The account takes what the directory that owns it says: the profile, whether it is active
// (domain::follow_directory) and the address.
void follow(store::session& s, store::linked_account const& a, domain::account_profile const& profile,
            std::string const& public_url) {
    store::write_profile(s, a.id, profile, domain::follow_directory(a.lifecycle, profile.active));
    push_email(s, a, profile.email, public_url);
}

}  // namespace

std::string account_for_new_user(store::session& s, std::string const& directory_id, std::string const& organization_id,
                                 domain::account_profile const& profile) {
    auto found = profile.email ? store::lock_account_by_email(s, *profile.email) : std::nullopt;
    if (!found) {
        // A new account takes its profile from the identity provider (DOMAIN.md).
        if (auto const created = store::insert_synced_account(s, profile, directory_id, organization_id)) {
            bool const managed = created->claimed_by == organization_id;
            // Created active; the directory's link is its first, so an inactive push of an account
            // the organization manages deactivates it.
            if (managed && !profile.active) {
                store::write_profile(s, created->id, profile, domain::follow_directory(created->lifecycle, false));
            }
            return created->id;
        }
        // An account with the address was created by a concurrent request since the lookup.
        found = store::lock_account_by_email(s, profile.email.value());
    }
    auto const adopted = store::adopt_account(s, found->id, directory_id, organization_id, profile.email.value());
    auto const& account = adopted.account;
    if (account.claimed_by != organization_id) {
        // An existing account takes the profile only when this organization manages it.
        apply_to_site_memberships(s, directory_id, account.id, profile.active);
    } else if (adopted.owned) {
        // No other directory of the organization links it: this one owns it (017_sync_owner.sql).
        store::write_profile(s, account.id, profile, domain::follow_directory(account.lifecycle, profile.active));
    }
    // Otherwise another directory of the organization owns it: this one's user records what it
    // pushes, and the account stays as its owner has it (docs/accounts.md).
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
    // Of several directories of the organization, only the one that owns the account changes it.
    if (!linked->owned) return;
    follow(s, *linked, profile, public_url);
}

void unlink_user(store::session& s, std::string const& directory_id, std::string const& user_id,
                 std::string const& public_url) {
    auto const linked = store::lock_linked_account(s, directory_id, user_id);
    if (!linked) return;
    // An external user loses the organization's site memberships (its synced-group memberships
    // go with the SCIM user).
    if (!linked->managed) {
        store::remove_for_directory(s, directory_id, linked->id);
        return;
    }
    // A directory that does not own the account takes only its own user away.
    if (!linked->owned) return;
    // The owner goes. The next directory of the organization that links the account owns it
    // (017_sync_owner.sql moves synced_by when the user's row goes) and the account takes what
    // that directory pushed last, so that what its SCIM user shows and the account agree. With
    // none left the account is deactivated, never deleted, and no longer synced.
    if (auto const next = store::next_sync_owner(s, linked->id, linked->organization_id, directory_id)) {
        follow(s, *linked, protocol::account_profile_of(boost::json::parse(next->attributes_json).as_object()),
               public_url);
        return;
    }
    store::set_account_lifecycle(s, linked->id, domain::follow_directory(linked->lifecycle, false));
}

}  // namespace scim::service
