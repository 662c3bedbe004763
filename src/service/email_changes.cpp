#include "scim/service/email_changes.hpp"

#include "account_lookup.hpp"
#include "admin_authentication.hpp"
#include "admin_write.hpp"
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

// DOMAIN.md: the email change is journaled, step by step, in the transaction of each step: the
// admin's steps by admin_write, the owner's confirmation here.
void journal_confirmation(store::session& s, admin_request const& req, std::string const& organization,
                          std::string const& account_id, json::object diff) {
    store::journal_record record;
    record.request_id = req.id;
    record.method = req.method;
    // The confirmation's path carries the link's secret: admin/ redacted it to the token's id.
    record.path = req.path;
    record.resource_type = "Account";
    record.resource_id = account_id;
    record.account_id = account_id;
    record.request = nullptr;
    record.diff = std::move(diff);
    record.status = 200;
    record.action = "account.email.confirm";
    store::append_account_entry(s, organization, record);
}

}  // namespace

email_verification_view request_email_change(context const& ctx, admin_request const& req,
                                             std::string const& account_id, std::string const& new_email) {
    return audited_admin_write(ctx, req, {"account.email.change", "Account", 202}, account_id, [&](admin_write& write) {
        write.account(account_id);
        email_verification_view out;
        write.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::check_admin_email_change(a.type, directory_lock(a), a.email, new_email);
            domain::require_verified_address(a.email_verified, "change the email address");
            require_free_address(s, a.id, new_email);
            out = {a.id, a.email, queue_email_change(s, req.organization_id, a.id, new_email, ctx.config.public_url)};
            write.changed("pendingEmail", optional_json(a.pending_email), json::value(new_email));
        });
        return out;
    });
}

email_verification_view resend_email_change(context const& ctx, admin_request const& req,
                                            std::string const& account_id) {
    return audited_admin_write(ctx, req, {"account.email.resend", "Account", 202}, account_id, [&](admin_write& write) {
        write.account(account_id);
        email_verification_view out;
        write.transact([&](store::session& s) {
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
    admin_action const audited{"account.address-verification", "Account", 202};
    return audited_admin_write(ctx, req, audited, account_id, [&](admin_write& write) {
        write.account(account_id);
        email_verification_view out;
        write.transact([&](store::session& s) {
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
    audited_admin_write(ctx, req, {"account.email.cancel", "Account", 204}, account_id, [&](admin_write& write) {
        write.account(account_id);
        write.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::check_admin_email_access(a.type, directory_lock(a));
            if (!a.pending_email)
                throw core::error(core::error_type::conflict, "no email change is pending for this account");
            withdraw_email_change(s, a.id);
            write.changed("pendingEmail", optional_json(a.pending_email), nullptr);
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
    return audited_admin_write(ctx, req, {"outbox.retry", "Message", 200}, message_id, [&](admin_write& write) {
        std::optional<store::outbox_message> message;
        write.transact([&](store::session& s) {
            auto const before = store::find_outbox_message(s, req.organization_id, message_id);
            if (!before) throw core::error(core::error_type::not_found, "no message " + message_id + " in the outbox");
            write.account(before->account_id);
            if (before->state != "failed") {
                throw core::error(core::error_type::conflict,
                                  "only a failed message can be retried; this one is " + before->state);
            }
            if (!store::requeue_failed_message(s, req.organization_id, message_id)) {
                throw core::error(core::error_type::conflict,
                                  "this message can no longer be sent: its link expired; send a new one instead");
            }
            message = store::find_outbox_message(s, req.organization_id, message_id);
            if (message) write.changed("state", boost::json::value(before->state), boost::json::value(message->state));
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
        journal_confirmation(s, req, change.organization_id, change.account_id, std::move(diff));
    });
    return change;
}

}  // namespace scim::service
