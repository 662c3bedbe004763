#pragma once
// Email changes of managed accounts (DOMAIN.md "Email change", docs/accounts.md) and the
// outbox of their verification messages (schemas/sql/012_email_and_api_tokens.sql).
//
// A change waits in accounts.pending_email while a verification message, queued in the
// outbox, carries a link with a one-time token to the new address. Only SHA-256 of the token's
// secret is stored; the message body (and so the link) is kept only until a mailer drains it.
// Call these inside the transaction of the request, the account already locked.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace scim::store {

// The names of the domains the organization verified (lower-case).
std::vector<std::string> verified_domain_names(soci::session& s, std::string const& organization_id);

// Throws core::error(uniqueness) when another account (not deleted) has `email`, any case:
// one account per address, never a duplicate (DOMAIN.md).
void require_free_address(soci::session& s, std::string const& account_id, std::string const& email);

struct pending_change {
    std::string message_id;  // the outbox message carrying the link
    std::string email;       // the pending address
    std::string expires;     // RFC 3339: when the link stops working
};

// Makes `email` the account's pending address and queues its verification message for
// `organization_id`, whose link starts with `link_base` ("https://scimd.example"); earlier
// unused messages of the account stop working.
pending_change request_email_change(soci::session& s, std::string const& organization_id, std::string const& account_id,
                                    std::string const& email, std::string const& link_base);

// A new message for the pending address, the earlier ones invalidated. Throws
// core::error(conflict) when no change is pending.
pending_change resend_email_verification(soci::session& s, std::string const& organization_id,
                                         std::string const& account_id, std::string const& link_base);

// The seed's "resend a verification email to a managed account": a message to the account's
// current address `email`, whose link sets email_verified; earlier unused messages of the
// account stop working.
pending_change request_address_verification(soci::session& s, std::string const& organization_id,
                                            std::string const& account_id, std::string const& email,
                                            std::string const& link_base);

// Forgets the pending address and invalidates its messages. Throws core::error(conflict)
// when no change is pending.
void cancel_email_change(soci::session& s, std::string const& account_id);

// What one change of a managed account's address did.
struct applied_email_change {
    std::string account_id;
    std::string organization_id;  // the managing organization that asked (or whose directory pushed)
    std::optional<std::string> old_email;
    std::string new_email;
    bool claim_released = false;  // the account became an external user of that organization
    bool address_verified_only = false;  // an address verification: same address, now verified
};

// The one place a managed account's address changes (a confirmed verification, or a
// directory's push on a domain its organization verified): email = `new_email`, the pending
// change gone, `verified` sets email_verified, `release_claim` lets the organization's claim
// go (the SCIM links and the sync flag stay). Callers journal the change: the admin API's
// routes (admin/email_change.cpp), and a directory's push in its SCIM write's entry. Throws core::error(uniqueness) when another account took the address meanwhile.
applied_email_change apply_email_change(soci::session& s, std::string const& organization_id, std::string const& account_id,
                                        std::string const& new_email, bool verified, bool release_claim);

// POST /email-verifications/{token}: the message `token` (as the link carries it) names, when
// it is unused, unexpired and still for the account's pending address (an address
// verification: its current one), is consumed and the change applied (the address marked
// verified); confirming an address on a domain the organization has not verified releases its
// claim (domain::claim_after_confirming). Throws core::error(not_found), the same for every failure,
// the secret compared in constant time.
applied_email_change confirm_email_change(soci::session& s, std::string const& token);

struct outbox_message {
    std::string id;
    std::string account_id;
    std::string to;
    std::string kind;     // "email_change"
    std::string state;    // queued, sent, consumed, invalidated, expired
    std::string created;  // RFC 3339
    std::string expires;  // RFC 3339
};
// The organization's messages, newest first, at most `limit`; only `account_id`'s when given.
// Never the body nor the token.
std::vector<outbox_message> list_outbox(soci::session& s, std::string const& organization_id,
                                        std::optional<std::string> const& account_id, std::int64_t limit);

struct drained_message {
    std::string id;
    std::string to;
    std::string kind;
    std::string body;  // holds the link with the token
};
// Hands over up to `limit` queued messages, oldest first, and forgets their bodies: each is
// returned once. Expired messages are dropped unsent.
std::vector<drained_message> drain_outbox(soci::session& s, std::int64_t limit);

}  // namespace scim::store
