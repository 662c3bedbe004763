#pragma once
// What a directory's write of a User does to the account behind it (DOMAIN.md "SCIM
// mapping"). Each runs inside the transaction that writes the user.

#include <string>

#include "scim/domain/accounts.hpp"

namespace scim::store {
class session;
}

namespace scim::service {

// POST /Users: the account a new user of the directory is linked to (the caller inserts the user
// with its id): the account with the profile's email address (any case), or a new one made from
// the profile. The directory's organization (`organization_id`) claims the account when it
// claimed the address's domain and nobody claimed it yet. The account becomes synced by the
// directory when no other directory of the organization links it (017_sync_owner.sql), and then
// takes the profile; an external user's `active` restores or suspends its memberships of the
// organization's sites instead.
std::string account_for_new_user(store::session& s, std::string const& directory_id, std::string const& organization_id,
                                 domain::account_profile const& profile);

// PUT / PATCH: when the directory's organization manages the account and this directory owns it
// (synced_by; several directories: docs/accounts.md), the profile goes onto it and `active`
// decides its lifecycle (domain::follow_directory); a new primary address applies at once on a
// domain the organization verified (claimed or not), and otherwise waits for its owner's confirmation through a
// verification message whose link starts with `public_url`, --public-url (domain::on_pushed_email;
// core::error(uniqueness) when another account has it, core::error(service_unavailable) when
// scimd runs without --public-url: email_verification.hpp). Another directory's push changes
// nothing of the account. An external user's account is not the organization's to change: its
// `active` suspends or restores its memberships of the organization's sites instead.
void push_profile(store::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile, std::string const& public_url);

// DELETE /Users: before the user goes, an external user's memberships of the organization's sites
// are removed. When the directory owns a managed account, the next directory of the organization
// that links it becomes its owner and the account takes what that directory pushed last
// (push_profile's rules, `public_url` for a verification message); with none left the account is
// deactivated (never deleted) and no longer synced.
void unlink_user(store::session& s, std::string const& directory_id, std::string const& user_id,
                 std::string const& public_url);

}  // namespace scim::service
