#pragma once
// The accounts behind SCIM users (schemas/sql/006_accounts.sql, DOMAIN.md "SCIM mapping"):
// linking a new user to its account, pushing what the identity provider owns onto it, and
// unlinking. Call these inside the transaction that writes the user.

#include <optional>
#include <string>

#include "scim/domain/accounts.hpp"

namespace soci {
class session;
}

namespace scim::store {

// What SCIM shows of the account behind a user (the scimd account extension).
struct account_facts {
    std::string id;
    domain::account_type type = domain::account_type::external;  // for the user's organization
    domain::lifecycle lifecycle = domain::lifecycle::active;
    std::optional<std::string> synced_by;  // directory id
    bool email_verified = false;
    std::optional<std::string> last_active;              // RFC 3339
    bool two_step_enrolled = false;
    std::optional<std::string> two_step_excluded_until;  // RFC 3339
};

// The account with this address (any case), locked; created (unclaimed, unsynced, without
// an address when `email` is nullopt) when there is none, which `created` tells.
std::string find_or_create_account(soci::session& s, std::optional<std::string> const& email, bool& created);

// Claims the account for `organization_id` when the organization verified the domain of
// `email` and nobody claimed the account yet (DOMAIN.md "Managed vs external").
void claim_if_domain_verified(soci::session& s, std::string const& account_id, std::string const& organization_id,
                              std::string const& email);

// POST /Users: links the new user `user_id` to the account with the profile's email address
// (any case), creating the account from the profile when there is none. The directory's
// organization claims the account when it verified the address's domain and nobody claimed
// it yet; the account becomes synced by the directory. Throws core::error(uniqueness) when the
// directory already links that account.
void link_account(soci::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile);

// PUT / PATCH: when the directory's organization manages the account, the profile goes onto
// it and `active` deactivates or reactivates it. A new primary address applies at once on a
// domain the organization verified, and otherwise waits for its owner's confirmation through
// a verification message whose link starts with `link_base` (domain::on_pushed_email; throws
// core::error(uniqueness) when another account has it). An external user's account is not the
// organization's to change (DOMAIN.md): its `active` suspends or restores its memberships of
// the organization's sites instead (site_memberships.hpp); link_account does the same.
void push_profile(soci::session& s, std::string const& directory_id, std::string const& user_id,
                  domain::account_profile const& profile, std::string const& link_base);

// DELETE /Users: before the user goes, a managed account is deactivated (never deleted), an
// external user's memberships of the organization's sites are removed, and the account is no
// longer synced by this directory.
void unlink_account(soci::session& s, std::string const& directory_id, std::string const& user_id);

// The id of the account a directory's user is linked to; nothing for an unknown user.
std::optional<std::string> account_of_user(soci::session& s, std::string const& directory_id, std::string const& user_id);

}  // namespace scim::store
