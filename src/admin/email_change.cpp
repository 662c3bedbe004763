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
        authenticate_admin(ctx, req, organization);
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
            store::require_free_address(s, a.id, requested);
            out = pending_json(a, store::request_email_change(s, organization, a.id, requested,
                                                               http::public_base_url(req, ctx.config.public_url)));
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

    routes.add("DELETE", base + "/accounts/{id}/email", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::check_admin_email_access(a.type, directory_lock(a));
            store::cancel_email_change(s, a.id);
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
    routes.add("POST", "/email-verifications/{token}", [&ctx](http::request const&, http::route_params const& p) {
        store::applied_email_change change;
        ctx.db.transact([&](soci::session& s) { change = store::confirm_email_change(s, p.at("token")); });
        return json_response(200, json::object{{"id", change.account_id},
                                               {"email", change.new_email},
                                               {"emailVerified", true},
                                               {"accountType", change.claim_released ? "external" : "managed"}});
    });
}

}  // namespace scim::admin
