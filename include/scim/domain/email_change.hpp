#pragma once
// Email change of an account (DOMAIN.md "Email change"), pure: who may change the address,
// what an identity provider's push of a new primary address leads to, and what confirming
// the new address does to the organization's claim.
//
// The new address waits in pending_email until its owner confirms it through the link of a
// verification message; the old address stays in force until then. Confirming an address on
// a domain the organization has not verified releases the claim: the account becomes an
// external user of the organization, keeping its SCIM link (never an unlink, never a second
// account); no directory of the organization syncs it any more.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/domain/accounts.hpp"

namespace scim::domain {

// How long a verification link works.
inline constexpr std::chrono::hours email_verification_lifetime{72};

// Who may change an address through the admin API (and resend or cancel a change): the
// managing organization only (core::error(forbidden) otherwise), and not on an account a
// directory syncs, whose address is its identity provider's (core::error(forbidden) naming
// `sync_directory`).
void check_admin_email_access(account_type type, std::optional<std::string> const& sync_directory);

// The admin API's change: check_admin_email_access, and `requested` must be an address
// (core::error(invalid_value)) other than `current` (core::error(conflict)).
void check_admin_email_change(account_type type, std::optional<std::string> const& sync_directory,
                              std::optional<std::string> const& current, std::string_view requested);

// The seed ("Email address verification"): "If a managed account hasn't verified their email
// address, you're unable to make changes to their account". What the verification proves is
// that the person controls the address; what it guards is the address: an admin does not move
// an account whose owner never proved its current address (core::error(conflict) saying how to
// resend the verification). The profile is the organization's record of its people ("you can
// edit the details of a managed account"), and stays open, like the lifecycle and security
// actions: otherwise every account a directory creates — unverified, since a push proves no
// mailbox — could not be edited even where its identity provider owns nothing
// (docs/accounts.md "What the address verification guards").
void require_verified_address(bool email_verified, std::string_view doing);

// What a PUT or PATCH whose primary address is `pushed` does to a managed account.
enum class pushed_email_action {
    none,                  // nothing to change (no address pushed, or the one already current or pending)
    apply,                 // on a domain the organization verified: the address changes now
    request_verification,  // elsewhere: pending until its owner confirms it
    cancel_pending,        // the identity provider went back to the current address
};
pushed_email_action on_pushed_email(std::optional<std::string> const& current,
                                    std::optional<std::string> const& pending, std::optional<std::string> const& pushed,
                                    std::vector<std::string> const& verified_domains);

// Whether confirming `new_email` releases the claim of the organization that verified
// `verified_domains` (lower-case names).
enum class claim_after_confirmation { kept, released };
claim_after_confirmation claim_after_confirming(std::string_view new_email,
                                                std::vector<std::string> const& verified_domains);

}  // namespace scim::domain
