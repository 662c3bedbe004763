#pragma once
// The outbox as scimd's own SMTP sender works it (docs/mail.md): claim a batch, then mark each
// message sent, to be retried, or failed; and an admin's retry of a failed one. Several
// scimd processes may run senders on one database: a claim takes only rows no one else holds
// (FOR UPDATE SKIP LOCKED, then a lease in claimed_by/claimed_until that outlives the
// transaction while SMTP is spoken), and only the claimant's marks count, so two processes
// never send one message.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/store/email_changes.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

// A claimed message with all it takes to send it.
struct deliverable_message {
    std::string id;
    std::string to;
    std::string subject;
    std::string text;
    std::string html;       // may be empty (a message queued before HTML parts existed)
    std::int64_t attempts;  // this one included
};

// Up to `limit` messages due (unsent, unexpired, not failed, next attempt reached, not held),
// oldest due first, now held by `claimant` for `lease` and counted as one more attempt.
// Expired messages are forgotten first.
std::vector<deliverable_message> claim_deliverable(session& s, std::string const& claimant, std::int64_t limit,
                                                   std::chrono::seconds lease);

// The message went out: its body (the link) is forgotten. Nothing when `claimant` no longer
// holds it.
void mark_sent(session& s, std::string const& id, std::string const& claimant);

// It did not: tried again after `delay`, `error` saying why.
void mark_retry(session& s, std::string const& id, std::string const& claimant, std::chrono::seconds delay,
                std::string const& error);

// It did not, for good (refused, or out of attempts): failed, the body kept for a retry.
void mark_failed(session& s, std::string const& id, std::string const& claimant, std::string const& error);

// The organization's message `id`, as the admin listing shows it.
std::optional<outbox_message> find_outbox_message(session& s, std::string const& organization_id,
                                                  std::string const& id);

// A failed message queued again, due now with its attempts reset; false when it is not failed
// or can no longer be sent (its link expired, its body gone).
bool requeue_failed_message(session& s, std::string const& organization_id, std::string const& id);

}  // namespace scim::store
