#pragma once
// Email change of a managed account (DOMAIN.md "Email change"; the seed's "Make changes to a
// managed user account"): an admin asks for a new address, which stays pending while a
// verification message waits in the outbox; its owner confirms through the link, and only
// then does the address change — releasing the organization's claim when the new address is
// on a domain it has not verified. Each step is journaled in its own transaction.
// docs/admin-api.md "Email change" is the reference.

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/email_changes.hpp"

namespace scim::service {

// An account's address and the verification message just queued for it.
struct email_verification_view {
    std::string account_id;
    std::optional<std::string> email;  // the current address
    store::pending_change message;     // its `email` is the address the link is for
};

// `new_email` becomes the account's pending address (202 to the client) until its owner
// confirms it; the old one stays in force. Only the managing organization, on an account no
// directory syncs, and whose current address is verified (domain::check_admin_email_change,
// domain::require_verified_address); core::error(uniqueness) when another account has it.
email_verification_view request_email_change(context const& ctx, admin_request const& req,
                                             std::string const& account_id, std::string const& new_email);

// A new message for the pending address; the earlier link stops working.
// core::error(conflict) when no change is pending.
email_verification_view resend_email_change(context const& ctx, admin_request const& req,
                                            std::string const& account_id);

// The seed's "resend a verification email": a message to the current address, whose link
// marks it verified (until then the account's address cannot be changed).
// core::error(conflict) when it is verified already or there is none.
email_verification_view request_address_verification(context const& ctx, admin_request const& req,
                                                     std::string const& account_id);

// Forgets the pending address; its link stops working. core::error(conflict) when no change
// is pending.
void cancel_email_change(context const& ctx, admin_request const& req, std::string const& account_id);

// The organization's messages, for operators: never a body nor a token (scimd's sender or
// `scimd drain-outbox` reads those, docs/mail.md); only `account_id`'s when given; at most a
// SCIM page.
std::vector<store::outbox_message> list_outbox(context const& ctx, admin_request const& req,
                                               std::optional<std::string> const& account_id);

// POST …/outbox/{id}/retry: a failed message (docs/mail.md "Failure") queued again, due now
// with its attempts counted from zero. core::error(not_found) when the organization has no such
// message; core::error(conflict) when it is not failed, or can no longer be sent (its link
// expired or was used up: send a new one instead).
store::outbox_message retry_outbox_message(context const& ctx, admin_request const& req, std::string const& message_id);

// What a verification link would do, for the page a browser's GET of it opens (docs/mail.md
// "The confirmation page"): nothing is changed, so a mail scanner that fetches the link
// confirms nothing. core::error(not_found), as confirm_email_verification's, when the link
// could not confirm anything.
struct verification_preview {
    std::string kind;  // store::email_change_message or store::address_verification_message
    std::string to;    // the address it confirms
};
verification_preview preview_email_verification(context const& ctx, std::string const& token);

// What one change of a managed account's address did.
struct applied_email_change {
    std::string account_id;
    std::string organization_id;  // the managing organization that asked (or whose directory pushed)
    std::optional<std::string> old_email;
    std::string new_email;
    bool claim_released = false;         // the account became an external user of that organization
    bool address_verified_only = false;  // an address verification: same address, now verified
};

// POST /email-verifications/{token}, unauthenticated: the token is the credential. The message
// it names, when unused, unexpired and still about the account's pending address (for an
// address verification: its current one), is consumed and the change applied, the address
// marked verified; an address on a domain the organization has not verified releases its claim
// (domain::claim_after_confirming). Every failure is the same core::error(not_found), so the
// answer tells nothing about which tokens exist (the secret is compared in constant time);
// core::error(uniqueness) when another account took the address meanwhile. `req` names the
// request for the journal: its path with the token redacted, no organization, no token.
applied_email_change confirm_email_verification(context const& ctx, admin_request const& req, std::string const& token);

}  // namespace scim::service
