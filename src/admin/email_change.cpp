// Email change of a managed account through the admin API (service/email_changes.hpp): change,
// resend, cancel, the verification of the current address, the outbox (and the retry of a
// message that failed), and the confirmation through the link a message carries: its page and
// its POST. docs/admin-api.md "Email change" and docs/mail.md are the reference.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/service/email_changes.hpp"
#include "verification_pages.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object verification_json(store::pending_change const& m) {
    return json::object{{"id", m.message_id}, {"expires", m.expires}};
}

// A change waiting for its owner: the address in force, the pending one, and the message.
http::response pending_response(service::email_verification_view const& v) {
    json::object out{{"id", v.account_id}};
    put_optional(out, "email", v.email);
    out["pendingEmail"] = v.message.email;
    out["verification"] = verification_json(v.message);
    return json_response(202, out);
}

// {"email": "new@address"} → 202: pending until its owner confirms it.
http::response change(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    auto const* email = body.if_contains("email");
    if (!email || !email->is_string()) {
        throw core::error(core::error_type::invalid_value, "\"email\" (the new address) is required");
    }
    return pending_response(service::request_email_change(ctx, call.request, p.at("id"),
                                                          checked_text("email", email->as_string(), line_rule)));
}

http::response resend(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return pending_response(service::resend_email_change(ctx, admin_call_of(req, p).request, p.at("id")));
}

http::response cancel(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::cancel_email_change(ctx, admin_call_of(req, p).request, p.at("id"));
    return no_content();
}

http::response verify_address(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const sent = service::request_address_verification(ctx, admin_call_of(req, p).request, p.at("id"));
    return json_response(202, json::object{{"id", sent.account_id},
                                           {"email", sent.message.email},
                                           {"verification", verification_json(sent.message)}});
}

// A message as operators see it: never its body nor a token.
json::object message_json(store::outbox_message const& m) {
    json::object out{{"id", m.id},       {"account", m.account_id}, {"to", m.to},           {"kind", m.kind},
                     {"state", m.state}, {"created", m.created},    {"expires", m.expires}, {"attempts", m.attempts}};
    put_optional(out, "subject", m.subject);
    put_optional(out, "nextAttempt", m.next_attempt);
    put_optional(out, "lastError", m.last_error);
    return out;
}

// ?account=<id> narrows the list to one account's messages.
http::response outbox(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    json::array out;
    for (auto const& m : service::list_outbox(ctx, call.request, call.parameter("account"))) {
        out.push_back(message_json(m));
    }
    return json_response(200, json::object{{"messages", std::move(out)}});
}

// A failed message queued again (docs/mail.md "Retries and failure").
http::response retry(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200,
                         message_json(service::retry_outbox_message(ctx, admin_call_of(req, p).request, p.at("id"))));
}

// The link's token as logs and the journal show it: its id, the secret cut.
std::string shown_token(std::string_view token) { return core::redacted_token(token, core::verification_token_prefix); }

// A browser following the link: what confirming will do, and the button (verification_pages.hpp).
// Nothing changes here, so a scanner fetching the link confirms nothing.
http::response confirm_page(service::context const& ctx, http::request const&, http::route_params const& p) {
    auto const& token = p.at("token");
    return confirmation_page(service::preview_email_verification(ctx, token), token);
}

// Unauthenticated: the token is the credential (service::confirm_email_verification). The
// page's form gets a page, API clients the JSON.
http::response confirm(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const& token = p.at("token");
    auto const call = admin_call_of(req, p, "/email-verifications/" + shown_token(token));
    auto const change = service::confirm_email_verification(ctx, call.request, token);
    if (wants_page(req)) return confirmed_page(change);
    return json_response(200, json::object{{"id", change.account_id},
                                           {"email", change.new_email},
                                           {"emailVerified", true},
                                           {"accountType", change.claim_released ? "external" : "managed"}});
}

}  // namespace

void add_email_change_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}";
    routes.add("POST", base + "/accounts/{id}/email", bind(ctx, change));
    routes.add("POST", base + "/accounts/{id}/email/resend", bind(ctx, resend));
    routes.add("DELETE", base + "/accounts/{id}/email", bind(ctx, cancel));
    routes.add("POST", base + "/accounts/{id}/address-verification", bind(ctx, verify_address));
    routes.add("GET", base + "/outbox", bind(ctx, outbox));
    routes.add("POST", base + "/outbox/{id}/retry", bind(ctx, retry));
    routes.add("GET", "/email-verifications/{token}", bind(ctx, confirm_page), {"token", shown_token});
    routes.add("POST", "/email-verifications/{token}", bind(ctx, confirm), {"token", shown_token});
}

}  // namespace scim::admin
