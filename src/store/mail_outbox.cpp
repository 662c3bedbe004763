#include "scim/store/mail_outbox.hpp"

#include "identifiers.hpp"
#include "outbox_rows.hpp"
#include "session.hpp"

namespace scim::store {

std::vector<deliverable_message> claim_deliverable(session& s, std::string const& claimant, std::int64_t limit,
                                                   std::chrono::seconds lease) {
    forget_expired_messages(s);
    std::vector<deliverable_message> out;
    sql_text sql;
    // SKIP LOCKED: another sender claiming at the same moment takes other rows; the lease then
    // keeps them this sender's after the transaction ends.
    sql << "WITH due AS (SELECT id FROM email_verifications WHERE body IS NOT NULL AND failed_at IS NULL AND "
           "next_attempt <= now() AND expires > now() AND (claimed_until IS NULL OR claimed_until < now()) "
           "ORDER BY next_attempt, created LIMIT ";
    sql.bind_number(limit) << " FOR UPDATE SKIP LOCKED) UPDATE email_verifications e SET claimed_by = ";
    sql.bind(claimant) << ", claimed_until = now() + make_interval(secs => CAST(";
    sql.bind_number(lease.count())
        << " AS int)), attempts = e.attempts + 1 FROM due WHERE e.id = due.id "
           "RETURNING e.id, e.to_address, e.subject, e.body, coalesce(e.html_body, '') AS html, e.attempts";
    for (auto const& r : s.run(sql)) {
        out.push_back({r.text("id"), r.text("to_address"), r.text("subject"), r.text("body"), r.text("html"),
                       r.number("attempts")});
    }
    return out;
}

void mark_sent(session& s, std::string const& id, std::string const& claimant) {
    sql_text sql(
        "UPDATE email_verifications SET sent_at = now(), body = NULL, html_body = NULL, last_error = NULL, "
        "claimed_by = NULL, claimed_until = NULL WHERE id = ");
    sql.bind(id) << " AND claimed_by = ";
    sql.bind(claimant);
    s.run(sql);
}

void mark_retry(session& s, std::string const& id, std::string const& claimant, std::chrono::seconds delay,
                std::string const& error) {
    sql_text sql("UPDATE email_verifications SET next_attempt = now() + make_interval(secs => CAST(");
    sql.bind_number(delay.count()) << " AS int)), last_error = ";
    sql.bind(error) << ", claimed_by = NULL, claimed_until = NULL WHERE id = ";
    sql.bind(id) << " AND claimed_by = ";
    sql.bind(claimant);
    s.run(sql);
}

void mark_failed(session& s, std::string const& id, std::string const& claimant, std::string const& error) {
    sql_text sql("UPDATE email_verifications SET failed_at = now(), last_error = ");
    sql.bind(error) << ", claimed_by = NULL, claimed_until = NULL WHERE id = ";
    sql.bind(id) << " AND claimed_by = ";
    sql.bind(claimant);
    s.run(sql);
}

std::optional<outbox_message> find_outbox_message(session& s, std::string const& organization_id,
                                                  std::string const& id) {
    std::optional<outbox_message> out;
    if (!is_uuid(organization_id)) return out;
    sql_text sql;
    sql << outbox_select << " WHERE organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND id = ";
    sql.bind(id);
    for (auto const& r : s.run(sql)) out = outbox_message_of(r);
    return out;
}

bool requeue_failed_message(session& s, std::string const& organization_id, std::string const& id) {
    if (!is_uuid(organization_id)) return false;
    sql_text sql(
        "UPDATE email_verifications SET failed_at = NULL, attempts = 0, next_attempt = now(), last_error = NULL "
        "WHERE organization_id = CAST(");
    sql.bind(organization_id) << " AS uuid) AND id = ";
    sql.bind(id) << " AND failed_at IS NOT NULL AND body IS NOT NULL AND expires > now() AND consumed_at IS NULL AND "
                    "invalidated_at IS NULL";
    return s.run(sql).affected_rows() == 1;
}

}  // namespace scim::store
