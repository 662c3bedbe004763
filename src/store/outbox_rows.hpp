#pragma once
// How an outbox row reads as store::outbox_message, shared by the admin listing
// (email_changes.cpp) and the sender's writes (mail_outbox.cpp); and the expired messages
// forgotten before either hands messages out.

#include "scim/store/email_changes.hpp"
#include "session.hpp"
#include "sql_text.hpp"

namespace scim::store {

// The RFC 3339 renderings are named apart from their columns (created_at, not created): an
// output column named "created" would be what "ORDER BY created" sorts on. A failed message
// shows as failed even once expired: an admin should see why it never arrived.
inline constexpr char const* outbox_select =
    "SELECT id, account_id::text AS account_id, to_address, kind, subject, CASE WHEN consumed_at IS NOT NULL "
    "THEN 'consumed' WHEN invalidated_at IS NOT NULL THEN 'invalidated' WHEN failed_at IS NOT NULL THEN 'failed' "
    "WHEN expires <= now() THEN 'expired' WHEN sent_at IS NOT NULL THEN 'sent' ELSE 'queued' END AS state, "
    SCIMD_SQL_RFC3339("created") " AS created_at, " SCIMD_SQL_RFC3339("expires") " AS expires_at, attempts, "
    "CASE WHEN body IS NOT NULL AND failed_at IS NULL AND expires > now() THEN " SCIMD_SQL_RFC3339(
        "next_attempt") " END AS next_attempt_at, last_error FROM email_verifications";

inline outbox_message outbox_message_of(sql_row const& r) {
    return {r.text("id"),
            r.text("account_id"),
            r.text("to_address"),
            r.text("kind"),
            r.nullable_text("subject"),
            r.text("state"),
            r.text("created_at"),
            r.text("expires_at"),
            r.number("attempts"),
            r.nullable_text("next_attempt_at"),
            r.nullable_text("last_error")};
}

// A message unsent when its link expires is never sent: its body (the link) goes.
inline void forget_expired_messages(session& s) {
    s.run(sql_text(
        "UPDATE email_verifications SET body = NULL, html_body = NULL WHERE body IS NOT NULL AND expires <= now()"));
}

}  // namespace scim::store
