#include "scim/store/email_changes.hpp"

#include <soci/soci.h>

#include "identifiers.hpp"
#include "sql_errors.hpp"
#include "statements.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/store/domains.hpp"

namespace scim::store {
namespace {

// The two kinds of message (schemas/sql/012_email_and_api_tokens.sql).
constexpr char const* email_change_kind = "email_change";
constexpr char const* address_verification_kind = "address_verification";

std::string message_body(std::string const& kind, std::string const& to, std::string const& link) {
    auto const within = " open this link within " + std::to_string(domain::email_verification_lifetime.count()) +
                        " hours:\n\n" + link + "\n\n";
    if (kind == address_verification_kind) {
        return "Please confirm that " + to + " is the email address of your account:" + within +
               "If you do not have an account with this address, ignore this message.\n";
    }
    return "Someone asked to make " + to + " the email address of your account. To confirm," + within +
           "Until you confirm, your account keeps its current address. If you did not ask for this, ignore this "
           "message.\n";
}

// Every message of the account that could still confirm something stops working, and its
// body (the link) is forgotten.
void invalidate_unused(soci::session& s, std::string const& account_id) {
    s << "UPDATE email_verifications SET invalidated_at = now(), body = NULL WHERE account_id = CAST(:a AS uuid) "
         "AND consumed_at IS NULL AND invalidated_at IS NULL",
        soci::use(account_id, "a");
}

pending_change queue_message(soci::session& s, std::string const& organization_id, std::string const& account_id,
                             std::string const& to, std::string const& link_base, std::string const& kind = email_change_kind) {
    auto const minted = core::mint_token(core::verification_token_prefix);
    pending_change out{minted.id, to, {}};
    sql_text sql;
    sql << "INSERT INTO email_verifications (id, organization_id, account_id, to_address, kind, secret_hash, body, expires) "
           "VALUES (";
    sql.bind(minted.id) << ", CAST(";
    sql.bind(organization_id) << " AS uuid), CAST(";
    sql.bind(account_id) << " AS uuid), ";
    sql.bind(to) << ", ";
    sql.bind(kind) << ", CAST(";
    sql.bind(to_bytea_hex(minted.secret_hash)) << " AS bytea), ";
    sql.bind(message_body(kind, to, link_base + "/email-verifications/" + minted.token)) << ", now() + make_interval(hours => CAST(";
    sql.bind(std::to_string(domain::email_verification_lifetime.count())) << " AS int))) RETURNING "
                                                                               SCIMD_SQL_RFC3339("expires");
    for_each_row(s, sql, [&](soci::row const& r) { out.expires = r.get<std::string>(0); });
    return out;
}

std::optional<std::string> pending_email_of(soci::session& s, std::string const& account_id) {
    std::string pending;
    soci::indicator ind = soci::i_null;
    s << "SELECT pending_email FROM accounts WHERE id = CAST(:a AS uuid)", soci::use(account_id, "a"),
        soci::into(pending, ind);
    return s.got_data() && ind == soci::i_ok ? std::optional<std::string>(pending) : std::nullopt;
}

std::string required_pending(soci::session& s, std::string const& account_id) {
    auto pending = pending_email_of(s, account_id);
    if (!pending) throw core::error(core::error_type::conflict, "no email change is pending for this account");
    return *pending;
}

}  // namespace

std::vector<std::string> verified_domain_names(soci::session& s, std::string const& organization_id) {
    std::vector<std::string> names;
    for (auto const& d : list_domains(s, organization_id)) {
        if (d.state == "verified") names.push_back(d.name);
    }
    return names;
}

void require_free_address(soci::session& s, std::string const& account_id, std::string const& email) {
    int taken = 0;
    // The fold of accounts_email_key, so that the index answers.
    s << "SELECT count(*) FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(:e AS text) COLLATE \"und-x-icu\") "
         "AND lifecycle <> 'deleted' AND id <> CAST(:a AS uuid)",
        soci::use(email, "e"), soci::use(account_id, "a"), soci::into(taken);
    if (taken > 0) throw core::error(core::error_type::uniqueness, email + " is already the address of another account");
}

pending_change request_email_change(soci::session& s, std::string const& organization_id, std::string const& account_id,
                                    std::string const& email, std::string const& link_base) {
    invalidate_unused(s, account_id);
    s << "UPDATE accounts SET pending_email = :e WHERE id = CAST(:a AS uuid)", soci::use(email, "e"),
        soci::use(account_id, "a");
    return queue_message(s, organization_id, account_id, email, link_base);
}

pending_change resend_email_verification(soci::session& s, std::string const& organization_id,
                                         std::string const& account_id, std::string const& link_base) {
    auto const pending = required_pending(s, account_id);
    invalidate_unused(s, account_id);
    return queue_message(s, organization_id, account_id, pending, link_base);
}

pending_change request_address_verification(soci::session& s, std::string const& organization_id,
                                            std::string const& account_id, std::string const& email,
                                            std::string const& link_base) {
    invalidate_unused(s, account_id);
    return queue_message(s, organization_id, account_id, email, link_base, address_verification_kind);
}

void cancel_email_change(soci::session& s, std::string const& account_id) {
    required_pending(s, account_id);
    invalidate_unused(s, account_id);
    s << "UPDATE accounts SET pending_email = NULL WHERE id = CAST(:a AS uuid)", soci::use(account_id, "a");
}

applied_email_change apply_email_change(soci::session& s, std::string const& organization_id, std::string const& account_id,
                                        std::string const& new_email, bool verified, bool release_claim) {
    applied_email_change change{account_id, organization_id, std::nullopt, new_email, false};
    std::string old_email;
    soci::indicator old_ind = soci::i_null;
    int claimed = 0;
    s << "SELECT email, (claimed_by IS NOT DISTINCT FROM CAST(:o AS uuid))::int FROM accounts WHERE id = CAST(:a AS uuid)",
        soci::use(organization_id, "o"), soci::use(account_id, "a"), soci::into(old_email, old_ind), soci::into(claimed);
    if (old_ind == soci::i_ok) change.old_email = old_email;
    change.claim_released = release_claim && claimed != 0;
    int const verified_flag = verified ? 1 : 0;
    int const release_flag = change.claim_released ? 1 : 0;
    try {
        // The claim goes; the SCIM links and synced_by stay: the account is now an external
        // user of the organization, the same account (DOMAIN.md "Known failures").
        s << "UPDATE accounts SET email = :e, pending_email = NULL, email_verified = email_verified OR CAST(:v AS int) = 1, "
             "claimed_by = CASE WHEN CAST(:r AS int) = 1 THEN NULL ELSE claimed_by END WHERE id = CAST(:a AS uuid)",
            soci::use(new_email, "e"), soci::use(verified_flag, "v"), soci::use(release_flag, "r"),
            soci::use(account_id, "a");
    } catch (soci::soci_error const& e) {
        if (sqlstate_of(e) != "23505") throw;
        throw core::error(core::error_type::uniqueness, new_email + " is already the address of another account");
    }
    invalidate_unused(s, account_id);
    return change;
}

applied_email_change confirm_email_change(soci::session& s, std::string const& link_token) {
    auto refuse = [] {
        throw core::error(core::error_type::not_found, "this verification link is unknown, expired or already used");
    };
    auto const presented = core::read_token(link_token, core::verification_token_prefix);
    if (!presented) refuse();
    auto const& token = *presented;
    std::string hex, organization_id, account_id, to, kind;
    s << "SELECT encode(secret_hash, 'hex'), organization_id::text, account_id::text, to_address, kind FROM email_verifications "
         "WHERE id = :id AND consumed_at IS NULL AND invalidated_at IS NULL AND expires > now()",
        soci::use(token.id, "id"), soci::into(hex), soci::into(organization_id), soci::into(account_id), soci::into(to),
        soci::into(kind);
    bool const found = s.got_data();
    if (!core::token_matches(token, found ? std::optional<std::string>(from_hex(hex)) : std::nullopt)) refuse();
    // The account first, as every other change of it locks it first; then the message, which
    // a concurrent resend or confirmation may have used up meanwhile.
    // The address the message must still be about: the pending one for a change, the current
    // one for a verification.
    auto const expected = [&] {
        std::string p;
        soci::indicator ind = soci::i_null;
        std::string const column = kind == address_verification_kind ? "email" : "pending_email";
        s << "SELECT " + column + " FROM accounts WHERE id = CAST(:a AS uuid) AND lifecycle <> 'deleted' FOR UPDATE",
            soci::use(account_id, "a"), soci::into(p, ind);
        return s.got_data() && ind == soci::i_ok ? std::optional<std::string>(p) : std::nullopt;
    }();
    soci::statement consume = (s.prepare << "UPDATE email_verifications SET consumed_at = now(), body = NULL WHERE id = :id "
                                            "AND consumed_at IS NULL AND invalidated_at IS NULL AND expires > now()",
                               soci::use(token.id, "id"));
    consume.execute(true);
    if (consume.get_affected_rows() != 1 || !expected || !core::iequals(*expected, to)) refuse();
    if (kind == address_verification_kind) {
        s << "UPDATE accounts SET email_verified = true WHERE id = CAST(:a AS uuid)", soci::use(account_id, "a");
        return {account_id, organization_id, to, to, false, true};
    }
    bool const release =
        domain::claim_after_confirming(to, verified_domain_names(s, organization_id)) == domain::claim_after_confirmation::released;
    return apply_email_change(s, organization_id, account_id, to, true, release);
}

std::vector<outbox_message> list_outbox(soci::session& s, std::string const& organization_id,
                                        std::optional<std::string> const& account_id, std::int64_t limit) {
    std::vector<outbox_message> out;
    if (!is_uuid(organization_id) || (account_id && !is_uuid(*account_id))) return out;
    sql_text sql;
    sql << "SELECT id, account_id::text, to_address, kind, CASE WHEN consumed_at IS NOT NULL THEN 'consumed' "
           "WHEN invalidated_at IS NOT NULL THEN 'invalidated' WHEN expires <= now() THEN 'expired' "
           "WHEN sent_at IS NOT NULL THEN 'sent' ELSE 'queued' END, " SCIMD_SQL_RFC3339("created") ", "
           SCIMD_SQL_RFC3339("expires") " FROM email_verifications WHERE organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    if (account_id) {
        sql << " AND account_id = CAST(";
        sql.bind(*account_id) << " AS uuid)";
    }
    sql << " ORDER BY created DESC, id LIMIT " << std::to_string(limit);
    for_each_row(s, sql, [&](soci::row const& r) {
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                       r.get<std::string>(4), r.get<std::string>(5), r.get<std::string>(6)});
    });
    return out;
}

std::vector<drained_message> drain_outbox(soci::session& s, std::int64_t limit) {
    std::vector<drained_message> out;
    sql_text expired;
    expired << "UPDATE email_verifications SET body = NULL WHERE body IS NOT NULL AND expires <= now()";
    execute(s, expired);
    // SKIP LOCKED: two mailers draining at once each take different messages.
    sql_text sql;
    sql << "WITH next AS (SELECT id, body FROM email_verifications WHERE body IS NOT NULL ORDER BY created LIMIT "
        << std::to_string(limit)
        << " FOR UPDATE SKIP LOCKED), sent AS (UPDATE email_verifications e SET body = NULL, sent_at = now() FROM next "
           "WHERE e.id = next.id RETURNING e.id, e.to_address, e.kind, e.created) "
           "SELECT sent.id, sent.to_address, sent.kind, next.body FROM sent JOIN next ON next.id = sent.id ORDER BY sent.created";
    for_each_row(s, sql, [&](soci::row const& r) {
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3)});
    });
    return out;
}

}  // namespace scim::store
