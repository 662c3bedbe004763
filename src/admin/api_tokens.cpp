// An account's API tokens through the admin API (service/api_tokens.hpp): listed without any
// secret, revoked one by one.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/service/api_tokens.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object api_token_json(store::api_token_row const& t) {
    json::object o{{"id", t.id}, {"label", t.label}, {"created", t.created}};
    put_optional(o, "lastUsed", t.last_used);
    put_optional(o, "expires", t.expires);
    put_optional(o, "revoked", t.revoked);
    return o;
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    json::array tokens;
    for (auto const& t : service::list_api_tokens(ctx, admin_call_of(req, p).request, p.at("id"))) {
        tokens.push_back(api_token_json(t));
    }
    return json_response(200, json::object{{"tokens", std::move(tokens)}});
}

// Idempotent: revoking a revoked token answers 204 again.
http::response revoke(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::revoke_api_token(ctx, admin_call_of(req, p).request, p.at("id"), p.at("token"));
    return no_content();
}

}  // namespace

void add_api_token_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/accounts/{id}/api-tokens";
    routes.add("GET", base, bind(ctx, list));
    routes.add("DELETE", base + "/{token}", bind(ctx, revoke));
}

}  // namespace scim::admin
