#include "scim/service/email_changes.hpp"

#include "account_lookup.hpp"
#include "admin_authentication.hpp"
#include "email_verification.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/store/journal.hpp"
#include "scim/store/mail_outbox.hpp"

namespace scim::service {
namespace {

namespace json = boost::json;

json::value optional_json(std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object change_of(char const* attribute, std::optional<std::string> const& before,
                       std::optional<std::string> const& after) {
    return json::object{{attribute, json::object{{"before", optional_json(before)}, {"after", optional_json(after)}}}};
}

// DOMAIN.md: the email change is journaled, step by step, in the transaction of each step.
// `admin_token_id` is the admin's token, or nothing when the account's owner confirms.
void journal_step(store::session& s, admin_request const& req, std::string const& organization,
                  std::optional<std::string> const& admin_token_id, std::string const& account_id, json::value request,
                  json::object diff, int status) {
    store::journal_record record;
    record.request_id = req.id;
    record.method = req.method;
    // The confirmation's path carries the link's secret: admin/ redacted it to the token's id.
    record.path = req.path;
    record.resource_type = "Account";
    record.resource_id = account_id;
    record.account_id = account_id;
    record.request = std::move(request);
    record.diff = std::move(diff);
    record.status = status;
    if (admin_token_id) {
        store::append_admin_entry(s, organization, *admin_token_id, record);
    } else {
        store::append_account_entry(s, organization, record);
    }
}

}  // namespace

email_verification_view request_email_change(context const& ctx, admin_request const& req,
                                             std::string const& account_id, std::string const& new_email,
                                             boost::json::object const& body) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const& admin_token_id) {
        email_verification_view out;
        lease.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::check_admin_email_change(a.type, directory_lock(a), a.email, new_email);
            domain::require_verified_address(a.email_verified, "change the email address");
            require_free_address(s, a.id, new_email);
            out = {a.id, a.email, queue_email_change(s, req.organization_id, a.id, new_email, ctx.config.public_url)};
            journal_step(s, req, req.organization_id, admin_token_id, a.id, body,
                         change_of("pendingEmail", a.pending_email, new_email), 202);
        });
        return out;
    });
}

email_verification_view resend_email_change(context const& ctx, admin_request const& req,
                                            std::string const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        email_verification_view out;
        lease.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::check_admin_email_access(a.type, directory_lock(a));
            if (!a.pending_email)
                throw core::error(core::error_type::conflict, "no email change is pending for this account");
            out = {a.id, a.email,
                   queue_email_change_again(s, req.organization_id, a.id, *a.pending_email, ctx.config.public_url)};
        });
        return out;
    });
}

email_verification_view request_address_verification(context const& ctx, admin_request const& req,
                                                     std::string const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        email_verification_view out;
        lease.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::require_managed(a.type, "send a verification message");
            if (a.email_verified)
                throw core::error(core::error_type::conflict, "the account's email address is already verified");
            if (!a.email) throw core::error(core::error_type::conflict, "the account has no email address");
            out = {a.id, a.email,
                   queue_address_verification(s, req.organization_id, a.id, *a.email, ctx.config.public_url)};
        });
        return out;
    });
}

void cancel_email_change(context const& ctx, admin_request const& req, std::string const& account_id) {
    as_admin(ctx, req, [&](store::lease& lease, std::string const& admin_token_id) {
        lease.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::check_admin_email_access(a.type, directory_lock(a));
            if (!a.pending_email)
                throw core::error(core::error_type::conflict, "no email change is pending for this account");
            withdraw_email_change(s, a.id);
            journal_step(s, req, req.organization_id, admin_token_id, a.id, nullptr,
                         change_of("pendingEmail", a.pending_email, std::nullopt), 204);
        });
    });
}

std::vector<store::outbox_message> list_outbox(context const& ctx, admin_request const& req,
                                               std::optional<std::string> const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::outbox_message> messages;
        lease.read([&](store::session& s) {
            messages = store::list_outbox(s, req.organization_id, account_id,
                                          static_cast<std::int64_t>(ctx.config.scim.max_page_size));
        });
        return messages;
    });
}

store::outbox_message retry_outbox_message(context const& ctx, admin_request const& req,
                                           std::string const& message_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::optional<store::outbox_message> message;
        lease.transact([&](store::session& s) {
            auto const before = store::find_outbox_message(s, req.organization_id, message_id);
            if (!before) throw core::error(core::error_type::not_found, "no message " + message_id + " in the outbox");
            if (before->state != "failed") {
                throw core::error(core::error_type::conflict,
                                  "only a failed message can be retried; this one is " + before->state);
            }
            if (!store::requeue_failed_message(s, req.organization_id, message_id)) {
                throw core::error(core::error_type::conflict,
                                  "this message can no longer be sent: its link expired; send a new one instead");
            }
            message = store::find_outbox_message(s, req.organization_id, message_id);
        });
        return *message;
    });
}

verification_preview preview_email_verification(context const& ctx, std::string const& token) {
    verification_preview out;
    ctx.db.read([&](store::session& s) {
        auto const message = usable_link(s, token);
        out = {message.kind, message.to};
    });
    return out;
}

applied_email_change confirm_email_verification(context const& ctx, admin_request const& req,
                                                std::string const& token) {
    applied_email_change change;
    ctx.db.transact([&](store::session& s) {
        change = confirm_email_change(s, token);
        auto diff = change.address_verified_only
                        ? json::object{{"emailVerified", json::object{{"before", false}, {"after", true}}}}
                        : change_of("email", change.old_email, change.new_email);
        if (change.claim_released) diff["accountType"] = json::object{{"before", "managed"}, {"after", "external"}};
        journal_step(s, req, change.organization_id, std::nullopt, change.account_id, nullptr, std::move(diff), 200);
    });
    return change;
}

}  // namespace scim::service
