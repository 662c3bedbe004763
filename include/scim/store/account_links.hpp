#pragma once
// The accounts behind SCIM users (schemas/sql/006_accounts.sql): the rows and links the SCIM
// mapping reads and writes. What a directory's write does to an account is decided by
// service/ (DOMAIN.md "SCIM mapping"); these run inside the transaction that writes the user.

#include <optional>
#include <string>

#include "scim/domain/accounts.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

// What SCIM shows of the account behind a user (the scimd account extension).
struct account_facts {
    std::string id;
    domain::account_type type = domain::account_type::external;  // for the user's organization
    domain::lifecycle lifecycle = domain::lifecycle::active;
    std::optional<std::string> synced_by;  // directory id
    bool email_verified = false;
    std::optional<std::string> last_active;  // RFC 3339
    bool two_step_enrolled = false;
    std::optional<std::string> two_step_excluded_until;  // RFC 3339
};

// The account linked to a directory's user, as the SCIM mapping's rules need it.
struct linked_account {
    std::string id;
    bool managed = false;  // claimed by the directory's organization
    domain::lifecycle lifecycle = domain::lifecycle::active;
    std::string organization_id;  // the directory's
    std::optional<std::string> email;
    std::optional<std::string> pending_email;
    // Whether the account follows this directory's pushes (synced_by, 017_sync_owner.sql).
    bool owned = false;
};

// The account linked to the user, locked for the rest of the transaction; nothing for an
// unknown user or one without an account.
std::optional<linked_account> lock_linked_account(session& s, std::string const& directory_id,
                                                  std::string const& user_id);

// What the SCIM mapping's rules read of an account before a directory's new user links it.
struct account_state {
    std::string id;
    std::optional<std::string> claimed_by;  // the organization that manages it
    domain::lifecycle lifecycle = domain::lifecycle::active;
};

// The account with this address (any case, not deleted), locked.
std::optional<account_state> lock_account_by_email(session& s, std::string const& email);

// A new account for a directory's new user: the profile the identity provider pushed, claimed by
// `organization_id` when it claimed the domain of the profile's email address (DOMAIN.md
// "Managed vs external": accounts created on a claimed domain are claimed at creation; on a
// domain only verified they are external until the claim), and then synced by the directory,
// whose user links it next (017_sync_owner.sql); active. Nothing when another request created an
// account with the address meanwhile.
std::optional<account_state> insert_synced_account(session& s, domain::account_profile const& profile,
                                                   std::string const& directory_id, std::string const& organization_id);

// An existing account a directory's new user links: claimed by `organization_id` when nobody
// claimed it and the organization claimed the domain of `email`; synced by the directory when
// the organization claims it and none of its directories links it yet (017_sync_owner.sql: the
// first one owns it). Answers the account as it now is, and whether the directory owns it.
struct adopted_account {
    account_state account;
    bool owned = false;
};
adopted_account adopt_account(session& s, std::string const& account_id, std::string const& directory_id,
                              std::string const& organization_id, std::string const& email);

// The account with this address (any case), locked; created (unclaimed, unsynced, without
// an address when `email` is nullopt) when there is none, which `created` tells.
std::string find_or_create_account(session& s, std::optional<std::string> const& email, bool& created);

// Claims the account for `organization_id` when the organization claimed the domain of
// `email` and nobody claimed the account yet (DOMAIN.md "Managed vs external").
void claim_if_domain_claimed(session& s, std::string const& account_id, std::string const& organization_id,
                             std::string const& email);

// Writes what the identity provider owns of the account (the profile) and its lifecycle, as a
// directory's push decides it (domain::follow_directory: a deletion's due date stays while the
// account stays pending deletion, and goes when the push brings it back).
void write_profile(session& s, std::string const& account_id, domain::account_profile const& profile,
                   domain::lifecycle lifecycle);

// The same for the lifecycle alone.
void set_account_lifecycle(session& s, std::string const& account_id, domain::lifecycle lifecycle);

// The link that becomes the account's owner when `leaving_directory_id`'s link goes: the first
// other link of a directory of the managing organization (`organization_id`), the rule of
// 017_sync_owner.sql; nothing when there is none.
struct owner_link {
    std::string directory_id;
    std::string attributes_json;  // what that directory pushed last, the SCIM user's attributes
};
std::optional<owner_link> next_sync_owner(session& s, std::string const& account_id, std::string const& organization_id,
                                          std::string const& leaving_directory_id);

// The id of the account a directory's user is linked to; nothing for an unknown user.
std::optional<std::string> account_of_user(session& s, std::string const& directory_id, std::string const& user_id);

}  // namespace scim::store
