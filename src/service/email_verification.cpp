#include "email_verification.hpp"

#include "mail_messages.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/domain/email_change.hpp"

namespace scim::service {
namespace {

// Every link that cannot confirm anything gets the same answer: it tells nothing about which
// tokens exist.
[[noreturn]] void refuse_link() {
    throw core::error(core::error_type::not_found, "this verification link is unknown, expired or already used");
}

// Before anything is written: no link without the server's own URL (email_verification.hpp).
void require_public_url(std::string const& public_url) {
    if (public_url.empty()) {
        throw core::error(core::error_type::service_unavailable,
                          "this server cannot send verification links: it runs without --public-url, and links are "
                          "never built from a request's Host header; its operator must set --public-url "
                          "(docs/command-line.md)");
    }
}

// Queues a message of `kind` to `to` with a new one-time link (only its secret's hash is
// stored). Callers first invalidate the account's earlier messages: one link works at most.
store::pending_change queue_message(store::session& s, std::string const& organization_id,
                                    std::string const& account_id, std::string const& to, std::string const& public_url,
                                    char const* kind) {
    auto const minted = core::mint_token(core::verification_token_prefix);
    auto const link = public_url + "/email-verifications/" + minted.token;
    auto const lifetime = domain::email_verification_lifetime;
    auto const content = std::string_view(kind) == store::address_verification_message
                             ? address_verification_mail(to, link, lifetime)
                             : email_change_mail(to, link, lifetime);
    return store::queue_verification_message(s, {minted.id, organization_id, account_id, to, kind, minted.secret_hash,
                                                 content.subject, content.text, content.html, lifetime});
}

// A message without a link: a random id, no secret.
void queue_notice(store::session& s, std::string const& organization_id, std::string const& account_id,
                  std::string const& to, char const* kind, mail_content const& content) {
    store::queue_verification_message(
        s, {core::random_uuid(), organization_id, account_id, to, kind, std::nullopt, content.subject, content.text,
            content.html, domain::email_verification_lifetime});
}

}  // namespace

void require_free_address(store::session& s, std::string const& account_id, std::string const& email) {
    if (store::address_taken(s, account_id, email)) {
        throw core::error(core::error_type::uniqueness, email + " is already the address of another account");
    }
}

store::pending_change queue_email_change(store::session& s, std::string const& organization_id,
                                         std::string const& account_id, std::string const& email,
                                         std::string const& public_url) {
    require_public_url(public_url);
    store::invalidate_verification_messages(s, account_id);
    store::set_pending_email(s, account_id, email);
    return queue_message(s, organization_id, account_id, email, public_url, store::email_change_message);
}

store::pending_change queue_email_change_again(store::session& s, std::string const& organization_id,
                                               std::string const& account_id, std::string const& pending,
                                               std::string const& public_url) {
    require_public_url(public_url);
    store::invalidate_verification_messages(s, account_id);
    return queue_message(s, organization_id, account_id, pending, public_url, store::email_change_message);
}

store::pending_change queue_address_verification(store::session& s, std::string const& organization_id,
                                                 std::string const& account_id, std::string const& email,
                                                 std::string const& public_url) {
    require_public_url(public_url);
    store::invalidate_verification_messages(s, account_id);
    return queue_message(s, organization_id, account_id, email, public_url, store::address_verification_message);
}

void queue_site_invitation(store::session& s, std::string const& organization_id, std::string const& account_id,
                           std::string const& to, std::string const& site_name, std::string const& site_host) {
    queue_notice(s, organization_id, account_id, to, store::site_invitation_message,
                 site_invitation_mail(to, site_name, site_host));
}

void queue_password_reset_notice(store::session& s, std::string const& organization_id, std::string const& account_id,
                                 std::string const& to) {
    queue_notice(s, organization_id, account_id, to, store::password_reset_message, password_reset_mail(to));
}

void withdraw_email_change(store::session& s, std::string const& account_id) {
    store::invalidate_verification_messages(s, account_id);
    store::set_pending_email(s, account_id, std::nullopt);
}

applied_email_change apply_email_change(store::session& s, std::string const& organization_id,
                                        std::string const& account_id, std::optional<std::string> const& old_email,
                                        std::string const& new_email, bool verified, bool release_claim) {
    if (!store::set_email(s, account_id, new_email, verified, release_claim)) {
        throw core::error(core::error_type::uniqueness, new_email + " is already the address of another account");
    }
    store::invalidate_verification_messages(s, account_id);
    return {account_id, organization_id, old_email, new_email, release_claim, false};
}

store::verification_message usable_link(store::session& s, std::string const& link_token) {
    auto const presented = core::read_token(link_token, core::verification_token_prefix);
    if (!presented) refuse_link();
    auto const message = store::find_usable_verification_message(s, presented->id);
    if (!core::token_matches(*presented, message ? std::optional<std::string>(message->secret_hash) : std::nullopt))
        refuse_link();
    return *message;
}

applied_email_change confirm_email_change(store::session& s, std::string const& link_token) {
    auto const presented = core::read_token(link_token, core::verification_token_prefix);
    auto const message = usable_link(s, link_token);
    // The account first, as every other change of it locks it first; then the message, which
    // a concurrent resend or confirmation may have used up meanwhile.
    auto const account = store::lock_account_addresses(s, message.account_id);
    bool const verification = message.kind == store::address_verification_message;
    // The address the message must still be about: the pending one for a change, the current
    // one for a verification.
    std::optional<std::string> expected;
    if (account) expected = verification ? account->email : account->pending_email;
    bool const consumed = store::consume_verification_message(s, presented->id);
    if (!consumed || !expected || !core::iequals(*expected, message.to)) refuse_link();
    auto const& organization_id = message.organization_id;
    if (verification) {
        store::mark_email_verified(s, message.account_id);
        return {message.account_id, organization_id, message.to, message.to, false, true};
    }
    bool const release = domain::claim_after_confirming(message.to, store::verified_domain_names(s, organization_id)) ==
                         domain::claim_after_confirmation::released;
    // Only a claim the organization still holds can be released.
    bool const claimed = domain::type_for(account->claimed_by, organization_id) == domain::account_type::managed;
    return apply_email_change(s, organization_id, message.account_id, account->email, message.to, true,
                              release && claimed);
}

}  // namespace scim::service
