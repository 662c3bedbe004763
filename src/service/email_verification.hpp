#pragma once
// The steps of an email change (DOMAIN.md "Email change") that the admin API's use cases
// (email_changes.cpp) and a directory's push of a new address (account_sync.cpp) share: which
// verification message is queued and where its link points (mail_messages.hpp says what it
// reads), when an address is taken, what confirming a link does; and the notices other use
// cases queue. Each runs inside the caller's transaction, the account locked.

#include <optional>
#include <string>

#include "scim/service/email_changes.hpp"
#include "scim/store/email_changes.hpp"

namespace scim::service {

// core::error(uniqueness) when another account (not deleted) has `email`, any case: one
// account per address, never a duplicate (DOMAIN.md).
void require_free_address(store::session& s, std::string const& account_id, std::string const& email);

// The queue_* functions take --public-url as `public_url` ("https://scimd.example"), what
// the links of their messages start with; never a request's Host, which the client chooses
// (a link pointing elsewhere would hand its secret to whoever runs that host). Without one
// they refuse: core::error(service_unavailable) saying the server needs --public-url.

// Makes `email` the account's pending address and queues its verification message for
// `organization_id`; earlier unused messages of the account stop working.
store::pending_change queue_email_change(store::session& s, std::string const& organization_id,
                                         std::string const& account_id, std::string const& email,
                                         std::string const& public_url);

// A new message for the account's pending address `pending`, the earlier ones invalidated.
store::pending_change queue_email_change_again(store::session& s, std::string const& organization_id,
                                               std::string const& account_id, std::string const& pending,
                                               std::string const& public_url);

// A message to the account's current address `email`, whose link sets email_verified; earlier
// unused messages of the account stop working.
store::pending_change queue_address_verification(store::session& s, std::string const& organization_id,
                                                 std::string const& account_id, std::string const& email,
                                                 std::string const& public_url);

// Notices (docs/mail.md "Messages"), which carry no one-time link and need no --public-url:
// the invitation to a site (its name and host name), and the password reset an admin requires.
// Each waits in the outbox like the verification messages.
void queue_site_invitation(store::session& s, std::string const& organization_id, std::string const& account_id,
                           std::string const& to, std::string const& site_name, std::string const& site_host);
void queue_password_reset_notice(store::session& s, std::string const& organization_id, std::string const& account_id,
                                 std::string const& to);

// Forgets the pending address and invalidates its messages.
void withdraw_email_change(store::session& s, std::string const& account_id);

// The address becomes `new_email` (the account's `old_email` until now), the pending change
// and unused messages gone; `verified` marks it verified, `release_claim` lets the
// organization's claim go (the SCIM links stay, the sync flag goes with the claim: the account
// is then an external user of the organization, the same account, DOMAIN.md "Known failures").
// core::error(uniqueness) when another account has the address. Callers journal the change:
// the confirmation (email_changes.cpp), and a directory's push in its SCIM write's entry.
applied_email_change apply_email_change(store::session& s, std::string const& organization_id,
                                        std::string const& account_id, std::optional<std::string> const& old_email,
                                        std::string const& new_email, bool verified, bool release_claim);

// The message a link's token names when it may still confirm something (unused, unexpired,
// the secret right); core::error(not_found), the same for every failure, otherwise.
store::verification_message usable_link(store::session& s, std::string const& link_token);

// The link's token confirms its message (confirm_email_verification in email_changes.hpp):
// the change applied, or the address marked verified. core::error(not_found), the same for
// every failure.
applied_email_change confirm_email_change(store::session& s, std::string const& token);

}  // namespace scim::service
