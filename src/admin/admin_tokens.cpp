// The organization's admin tokens through the admin API (service/admin_tokens.hpp): listed
// without secrets, minted with a label and an optional expiry (the token shown once), revoked.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/date_time.hpp"
#include "scim/service/admin_tokens.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object admin_token_json(store::admin_token_info const& t) {
    json::object o{{"id", t.id}, {"label", t.label}, {"created", t.created}};
    put_optional(o, "expires", t.expires);
    put_optional(o, "lastUsed", t.last_used);
    put_optional(o, "revoked", t.revoked);
    return o;
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const listed = service::list_admin_tokens(ctx, admin_call_of(req, p).request);
    json::array tokens;
    for (auto const& t : listed.tokens) {
        auto o = admin_token_json(t);
        // The token this request came with: the one not to revoke before switching.
        o["current"] = t.id == listed.current;
        tokens.push_back(std::move(o));
    }
    return json_response(200, json::object{{"tokens", std::move(tokens)}});
}

// {"label": "ci", "expires": "2027-01-01T00:00:00Z"} → 201 with the token, shown once; without
// "expires" (or with null) the token never expires.
http::response mint(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    auto const* label = body.if_contains("label");
    if (!label || !label->is_string() || label->as_string().empty()) {
        throw core::error(core::error_type::invalid_value, "\"label\" (what the token is for) is required");
    }
    std::optional<std::string> expires;
    if (auto const* e = body.if_contains("expires"); e && !e->is_null()) {
        if (!e->is_string() || !protocol::is_rfc3339_date_time(e->as_string())) {
            throw core::error(core::error_type::invalid_value,
                              "\"expires\" must be an RFC 3339 date-time such as \"2027-01-01T00:00:00Z\" (years "
                              "0001 to 9999), or null");
        }
        expires = std::string(e->as_string());
    }
    auto const minted =
        service::mint_admin_token(ctx, call.request, checked_text("label", label->as_string(), label_rule), expires);
    auto out = admin_token_json(minted.info);
    out["token"] = minted.token;
    return json_response(201, out);
}

// Idempotent: revoking a revoked token answers 204 again.
http::response revoke(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::revoke_admin_token(ctx, admin_call_of(req, p).request, p.at("token"));
    return no_content();
}

}  // namespace

void add_admin_token_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/admin-tokens";
    routes.add("GET", base, bind(ctx, list));
    routes.add("POST", base, bind(ctx, mint));
    routes.add("DELETE", base + "/{token}", bind(ctx, revoke));
}

}  // namespace scim::admin
