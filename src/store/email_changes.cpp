#include "scim/store/email_changes.hpp"

#include "identifiers.hpp"
#include "outbox_rows.hpp"
#include "scim/store/domains.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"

namespace scim::store {

std::vector<std::string> verified_domain_names(session& s, std::string const& organization_id) {
    std::vector<std::string> names;
    if (!is_uuid(organization_id)) return names;
    // The names alone: every identity provider's push of an address asks.
    sql_text sql("SELECT name FROM domains WHERE organization_id = CAST(");
    sql.bind(organization_id) << " AS uuid) AND state <> 'unverified'";
    for (auto const& r : s.run(sql)) names.push_back(r.text("name"));
    return names;
}

bool address_taken(session& s, std::string const& account_id, std::string const& email) {
    // The fold of accounts_email_key, so that the index answers.
    sql_text sql("SELECT count(*) AS taken FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(");
    sql.bind(email) << " AS text) COLLATE \"und-x-icu\") AND lifecycle <> 'deleted' AND id <> CAST(";
    sql.bind(account_id) << " AS uuid)";
    return s.run(sql).front().number("taken") > 0;
}

void set_pending_email(session& s, std::string const& account_id, std::optional<std::string> const& email) {
    sql_text sql("UPDATE accounts SET pending_email = ");
    sql.bind_nullable(email) << " WHERE id = CAST(";
    sql.bind(account_id) << " AS uuid)";
    s.run(sql);
}

void invalidate_verification_messages(session& s, std::string const& account_id) {
    sql_text sql(
        "UPDATE email_verifications SET invalidated_at = now(), body = NULL, html_body = NULL WHERE account_id = "
        "CAST(");
    sql.bind(account_id) << " AS uuid) AND consumed_at IS NULL AND invalidated_at IS NULL AND secret_hash IS NOT NULL";
    s.run(sql);
}

pending_change queue_verification_message(session& s, new_verification_message const& message) {
    pending_change out{message.id, message.to, {}};
    sql_text sql;
    sql << "INSERT INTO email_verifications (id, organization_id, account_id, to_address, kind, secret_hash, subject, "
           "body, html_body, expires) "
           "VALUES (";
    sql.bind(message.id) << ", CAST(";
    sql.bind(message.organization_id) << " AS uuid), CAST(";
    sql.bind(message.account_id) << " AS uuid), ";
    sql.bind(message.to) << ", ";
    sql.bind(message.kind) << ", CAST(";
    sql.bind_nullable(message.secret_hash ? std::optional(to_bytea_hex(*message.secret_hash)) : std::nullopt)
        << " AS bytea), ";
    sql.bind(message.subject) << ", ";
    sql.bind(message.body) << ", ";
    sql.bind(message.html_body) << ", now() + make_interval(hours => CAST(";
    sql.bind_number(message.lifetime.count()) << " AS int))) RETURNING " SCIMD_SQL_RFC3339("expires") " AS expires_at";
    for (auto const& r : s.run(sql)) out.expires = r.text("expires_at");
    return out;
}

std::optional<verification_message> find_usable_verification_message(session& s, std::string const& message_id) {
    std::optional<verification_message> out;
    sql_text sql(
        "SELECT encode(secret_hash, 'hex') AS secret_hash_hex, organization_id::text AS organization_id, "
        "account_id::text AS account_id, to_address, kind FROM email_verifications WHERE id = ");
    sql.bind(message_id)
        << " AND secret_hash IS NOT NULL AND consumed_at IS NULL AND invalidated_at IS NULL AND expires > now()";
    for (auto const& r : s.run(sql)) {
        out = verification_message{r.text("organization_id"), r.text("account_id"), r.text("to_address"),
                                   r.text("kind"), from_hex(r.text("secret_hash_hex"))};
    }
    return out;
}

bool consume_verification_message(session& s, std::string const& message_id) {
    sql_text sql("UPDATE email_verifications SET consumed_at = now(), body = NULL, html_body = NULL WHERE id = ");
    sql.bind(message_id)
        << " AND secret_hash IS NOT NULL AND consumed_at IS NULL AND invalidated_at IS NULL AND expires > now()";
    return s.run(sql).affected_rows() == 1;
}

std::optional<account_addresses> lock_account_addresses(session& s, std::string const& account_id) {
    std::optional<account_addresses> out;
    if (!is_uuid(account_id)) return out;
    sql_text sql("SELECT email, pending_email, claimed_by::text AS claimed_by FROM accounts WHERE id = CAST(");
    sql.bind(account_id) << " AS uuid) AND lifecycle <> 'deleted' FOR UPDATE";
    for (auto const& r : s.run(sql)) {
        out = account_addresses{r.nullable_text("email"), r.nullable_text("pending_email"),
                                r.nullable_text("claimed_by")};
    }
    return out;
}

void mark_email_verified(session& s, std::string const& account_id) {
    sql_text sql("UPDATE accounts SET email_verified = true WHERE id = CAST(");
    sql.bind(account_id) << " AS uuid)";
    s.run(sql);
}

bool set_email(session& s, std::string const& account_id, std::string const& new_email, bool verified,
               bool release_claim) {
    try {
        sql_text sql("UPDATE accounts SET email = ");
        sql.bind(new_email) << ", pending_email = NULL, email_verified = email_verified OR CAST(";
        sql.bind_flag(verified) << " AS boolean), claimed_by = CASE WHEN CAST(";
        sql.bind_flag(release_claim) << " AS boolean) THEN NULL ELSE claimed_by END WHERE id = CAST(";
        sql.bind(account_id) << " AS uuid)";
        s.run(sql);
        return true;
    } catch (sql_error const& e) {
        if (!e.is(sql_state::unique_violation)) throw;
        return false;
    }
}

std::vector<outbox_message> list_outbox(session& s, std::string const& organization_id,
                                        std::optional<std::string> const& account_id, std::int64_t limit) {
    std::vector<outbox_message> out;
    if (!is_uuid(organization_id) || (account_id && !is_uuid(*account_id))) return out;
    sql_text sql;
    sql << outbox_select << " WHERE organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    if (account_id) {
        sql << " AND account_id = CAST(";
        sql.bind(*account_id) << " AS uuid)";
    }
    sql << " ORDER BY created DESC, id LIMIT ";
    sql.bind_number(limit);
    for (auto const& r : s.run(sql)) out.push_back(outbox_message_of(r));
    return out;
}

std::vector<drained_message> drain_outbox(session& s, std::int64_t limit) {
    std::vector<drained_message> out;
    forget_expired_messages(s);
    // SKIP LOCKED: two mailers draining at once each take different messages.
    sql_text sql;
    sql << "WITH next AS (SELECT id, subject, body FROM email_verifications WHERE body IS NOT NULL AND "
           "(claimed_until IS NULL OR claimed_until < now()) ORDER BY created LIMIT ";
    sql.bind_number(limit)
        << " FOR UPDATE SKIP LOCKED), sent AS (UPDATE email_verifications e SET body = NULL, html_body = NULL, "
           "sent_at = now(), failed_at = NULL FROM next "
           "WHERE e.id = next.id RETURNING e.id, e.to_address, e.kind, e.created) "
           "SELECT sent.id, sent.to_address, sent.kind, next.subject, next.body FROM sent JOIN next ON next.id = "
           "sent.id "
           "ORDER BY sent.created";
    for (auto const& r : s.run(sql)) {
        out.push_back({r.text("id"), r.text("to_address"), r.text("kind"), r.text("subject"), r.text("body")});
    }
    return out;
}

}  // namespace scim::store
