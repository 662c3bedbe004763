// An account's API tokens as the managing organization's admins see them (DOMAIN.md entity
// "API token"; the seed: "you can revoke a user's API tokens"): listed without any secret,
// revoked one by one. Users create their tokens themselves; operators and tests use
// `scimd api-token` (docs/command-line.md).

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/store/api_tokens.hpp"
#include "account_lookup.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::value optional_value(std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object api_token_json(store::api_token_row const& t) {
    return json::object{{"id", t.id},
                        {"label", t.label},
                        {"created", t.created},
                        {"lastUsed", optional_value(t.last_used)},
                        {"expires", optional_value(t.expires)},
                        {"revoked", optional_value(t.revoked)}};
}

}  // namespace

void add_api_token_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/accounts/{id}/api-tokens";

    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        json::array tokens;
        ctx.db.read([&](soci::session& s) {
            auto const a = visible_account(s, organization, p.at("id"));
            domain::require_managed(a.type, "see the API tokens");
            for (auto const& t : store::list_api_tokens(s, a.id)) tokens.push_back(api_token_json(t));
        });
        return json_response(200, json::object{{"tokens", std::move(tokens)}});
    });

    // Idempotent: revoking a revoked token answers 204 again.
    routes.add("DELETE", base + "/{token}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const a = locked_account(s, organization, p.at("id"));
            domain::require_managed(a.type, "revoke the API tokens");
            if (!store::revoke_api_token(s, a.id, p.at("token"))) {
                throw core::error(core::error_type::not_found, "this account has no API token " + p.at("token"));
            }
        });
        http::response res;
        res.status = 204;
        return res;
    });
}

}  // namespace scim::admin
