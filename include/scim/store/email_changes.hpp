#pragma once
// Email changes of managed accounts (DOMAIN.md "Email change", docs/accounts.md) and the
// outbox of their verification messages (schemas/sql/012_email_and_api_tokens.sql): the rows.
// What a change does, what a message says and when a link is refused are service/'s
// (service/email_verification.hpp).
//
// A change waits in accounts.pending_email while a verification message, queued in the
// outbox, carries a link with a one-time token to the new address. Only SHA-256 of the token's
// secret is stored; the message body (and so the link) is kept only until it is sent (by scimd's
// sender, store/mail_outbox.hpp, or a mailer that drains it). The outbox holds notices too
// (site invitations, password resets), which carry no link.
// Call these inside the transaction of the request, the account already locked.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

// The kinds of message (email_verifications.kind): two carry a one-time link, two are notices
// (schemas/sql/018_mail_delivery.sql).
inline constexpr char const* email_change_message = "email_change";
inline constexpr char const* address_verification_message = "address_verification";
inline constexpr char const* site_invitation_message = "site_invitation";
inline constexpr char const* password_reset_message = "password_reset";

// The names of the domains the organization verified, claimed or not (lower-case): the domains
// it proved it owns.
std::vector<std::string> verified_domain_names(session& s, std::string const& organization_id);

// Whether another account (not deleted) than `account_id` has `email`, any case.
bool address_taken(session& s, std::string const& account_id, std::string const& email);

// Sets (or, with nullopt, clears) the account's pending address.
void set_pending_email(session& s, std::string const& account_id, std::optional<std::string> const& email);

// Every message of the account that could still confirm something stops working, and its
// body (the link) is forgotten; notices stay.
void invalidate_verification_messages(session& s, std::string const& account_id);

// A message as it is queued.
struct new_verification_message {
    std::string id;  // the token's id (core::mint_token), or a random id for a notice
    std::string organization_id;
    std::string account_id;
    std::string to;
    std::string kind;  // one of the *_message kinds
    // SHA-256 of the token's secret, raw bytes; nothing for a notice, which has no link.
    std::optional<std::string> secret_hash;
    std::string subject;
    std::string body;       // the plain text, with the link; kept until the message is sent
    std::string html_body;  // the same as HTML
    // A link stops working then; a message still unsent then is dropped.
    std::chrono::hours lifetime{0};
};

struct pending_change {
    std::string message_id;  // the outbox message carrying the link
    std::string email;       // the address it goes to
    std::string expires;     // RFC 3339: when the link stops working
};

pending_change queue_verification_message(session& s, new_verification_message const& message);

// A message that may still confirm something: unused, not invalidated, unexpired.
struct verification_message {
    std::string organization_id;
    std::string account_id;
    std::string to;
    std::string kind;
    std::string secret_hash;  // raw bytes
};
std::optional<verification_message> find_usable_verification_message(session& s, std::string const& message_id);

// Marks the message used and forgets its body; false when it was no longer usable (a
// concurrent resend or confirmation used it up).
bool consume_verification_message(session& s, std::string const& message_id);

// The addresses of an account that is not deleted, locked for the rest of the transaction.
struct account_addresses {
    std::optional<std::string> email;
    std::optional<std::string> pending_email;
    std::optional<std::string> claimed_by;  // the managing organization's id
};
std::optional<account_addresses> lock_account_addresses(session& s, std::string const& account_id);

void mark_email_verified(session& s, std::string const& account_id);

// The one place a managed account's address changes: email = `new_email`, the pending change
// gone, `verified` sets email_verified, `release_claim` sets claimed_by NULL (the SCIM links
// stay; synced_by follows the claim, 017_sync_owner.sql). False when another account has the address: the statement
// failed, so the transaction can only roll back.
bool set_email(session& s, std::string const& account_id, std::string const& new_email, bool verified,
               bool release_claim);

struct outbox_message {
    std::string id;
    std::string account_id;
    std::string to;
    std::string kind;                    // one of the *_message kinds
    std::optional<std::string> subject;  // forgotten with the body
    // queued, sent, failed (retryable), consumed, invalidated, expired
    std::string state;
    std::string created;                      // RFC 3339
    std::string expires;                      // RFC 3339
    std::int64_t attempts = 0;                // tries to send it so far
    std::optional<std::string> next_attempt;  // RFC 3339, while queued
    std::optional<std::string> last_error;    // why the last try failed
};
// The organization's messages, newest first, at most `limit`; only `account_id`'s when given.
// Never the body nor the token.
std::vector<outbox_message> list_outbox(session& s, std::string const& organization_id,
                                        std::optional<std::string> const& account_id, std::int64_t limit);

struct drained_message {
    std::string id;
    std::string to;
    std::string kind;
    std::string subject;
    std::string body;  // holds the link with the token
};
// Hands over up to `limit` queued messages, oldest first, and forgets their bodies: each is
// returned once. Expired messages are dropped unsent; those a running sender holds
// (store/mail_outbox.hpp) are left to it.
std::vector<drained_message> drain_outbox(session& s, std::int64_t limit);

}  // namespace scim::store
