// Email change of a managed account (DOMAIN.md "Email change"; the seed's "Make changes to a
// managed user account"): an admin asks for a new address, which stays pending while a
// verification message waits in the outbox; its owner confirms through the link, and only
// then does the address change — releasing the organization's claim when the new address is
// on a domain it has not verified. docs/admin-api.md "Email change" is the reference.

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/domain/email_change.hpp"
#include "scim/store/email_changes.hpp"
#include "scim/store/journal.hpp"
#include "account_lookup.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object pending_json(store::account_detail const& a, store::pending_change const& change) {
    return json::object{{"id", a.id},
                        {"email", a.email ? json::value(*a.email) : json::value(nullptr)},
                        {"pendingEmail", change.email},
                        {"verification", json::object{{"id", change.message_id}, {"expires", change.expires}}}};
}

json::value optional_json(std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); }

// DOMAIN.md: the email change is journaled, step by step, in the transaction of each step.
// `admin_token_id` is the admin's token, or nothing when the account's owner confirms.
void journal_step(soci::session& s, http::request const& req, std::string const& organization,
                  std::optional<std::string> const& admin_token_id, std::string const& account_id,
                  json::value request, json::object diff, int status) {
    store::journal_record record;
    record.request_id = req.request_id;
    record.method = req.method;
    // The confirmation's path carries the link's secret; the journal keeps only its id.
    record.path = http::loggable_path(req.path);
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

json::object change_of(char const* attribute, std::optional<std::string> const& before, std::optional<std::string> const& after) {
    return json::object{{attribute, json::object{{"before", optional_json(before)}, {"after", optional_json(after)}}}};
}

std::optional<std::string> account_parameter(http::request const& req) {
    for (auto const& [key, value] : http::query_parameters(req.query)) {
        if (core::iequals(key, "account")) return value;
    }
    return std::nullopt;
}

}  // namespace

void add_email_change_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}";

    // {"email": "new@address"} → 202: pending until its owner confirms it.
    routes.add("POST", base + "/accounts/{id}/email", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        auto const admin_token = authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        auto const* email = body.if_contains("email");
        if (!email || !email->is_string()) {
            throw core::error(core::error_type::invalid_value, "\"email\" (the new address) is required");
        }
        std::string const requested(email->as_string());
        json::object out;
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::check_admin_email_change(a.type, directory_lock(a), a.email, requested);
            domain::require_verified_address(a.email_verified, "change the email address");
            store::require_free_address(s, a.id, requested);
            out = pending_json(a, store::request_email_change(s, organization, a.id, requested,
                                                               http::public_base_url(req, ctx.config.public_url)));
            journal_step(s, req, organization, admin_token, a.id, body, change_of("pendingEmail", a.pending_email, requested),
                         202);
        });
        return json_response(202, out);
    });

    // A new message for the pending address; the earlier link stops working.
    routes.add("POST", base + "/accounts/{id}/email/resend", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        json::object out;
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::check_admin_email_access(a.type, directory_lock(a));
            out = pending_json(a, store::resend_email_verification(s, organization, a.id,
                                                                    http::public_base_url(req, ctx.config.public_url)));
        });
        return json_response(202, out);
    });

    // The seed's "resend a verification email": a message to the current address, whose link
    // marks it verified (until then the account's details and address cannot be changed).
    routes.add("POST", base + "/accounts/{id}/address-verification", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        json::object out;
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::require_managed(a.type, "send a verification message");
            if (a.email_verified) throw core::error(core::error_type::conflict, "the account's email address is already verified");
            if (!a.email) throw core::error(core::error_type::conflict, "the account has no email address");
            auto const sent = store::request_address_verification(s, organization, a.id, *a.email,
                                                                  http::public_base_url(req, ctx.config.public_url));
            out = json::object{{"id", a.id}, {"email", *a.email},
                               {"verification", json::object{{"id", sent.message_id}, {"expires", sent.expires}}}};
        });
        return json_response(202, out);
    });

    routes.add("DELETE", base + "/accounts/{id}/email", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        auto const admin_token = authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::check_admin_email_access(a.type, directory_lock(a));
            store::cancel_email_change(s, a.id);
            journal_step(s, req, organization, admin_token, a.id, nullptr,
                         change_of("pendingEmail", a.pending_email, std::nullopt), 204);
        });
        http::response res;
        res.status = 204;
        return res;
    });

    // The organization's verification messages, for operators: never a body nor a token
    // (the mailer gets those from `scimd drain-outbox`, docs/command-line.md).
    routes.add("GET", base + "/outbox", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const account = account_parameter(req);
        std::vector<store::outbox_message> messages;
        ctx.db.read([&](soci::session& s) {
            messages = store::list_outbox(s, organization, account, static_cast<std::int64_t>(ctx.config.scim.max_page_size));
        });
        json::array out;
        for (auto const& m : messages) {
            out.push_back(json::object{{"id", m.id},           {"account", m.account_id}, {"to", m.to},
                                       {"kind", m.kind},       {"state", m.state},        {"created", m.created},
                                       {"expires", m.expires}});
        }
        return json_response(200, json::object{{"messages", std::move(out)}});
    });

    // Unauthenticated: the token is the credential. Every failure is the same 404, so the
    // answer tells nothing about which tokens exist (the secret is compared in constant time).
    routes.add("POST", "/email-verifications/{token}", [&ctx](http::request const& req, http::route_params const& p) {
        store::applied_email_change change;
        ctx.db.transact([&](soci::session& s) {
            change = store::confirm_email_change(s, p.at("token"));
            auto diff = change.address_verified_only
                            ? json::object{{"emailVerified", json::object{{"before", false}, {"after", true}}}}
                            : change_of("email", change.old_email, change.new_email);
            if (change.claim_released) diff["accountType"] = json::object{{"before", "managed"}, {"after", "external"}};
            journal_step(s, req, change.organization_id, std::nullopt, change.account_id, nullptr, std::move(diff), 200);
        });
        return json_response(200, json::object{{"id", change.account_id},
                                               {"email", change.new_email},
                                               {"emailVerified", true},
                                               {"accountType", change.claim_released ? "external" : "managed"}});
    });
}

}  // namespace scim::admin
