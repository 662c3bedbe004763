// Directories through the admin API (DOMAIN.md "directory"): create one (with its first
// token), list them, issue and revoke tokens (rotation: issue a new one, move the identity
// provider to it, revoke the old), pause and resume provisioning. A paused directory answers
// SCIM reads; its writes get 503 with Retry-After, so identity providers retry later instead of
// failing the users (api/directory_tokens.cpp).

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/store/tenants.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object directory_json(store::directory_row const& d, std::vector<store::token_info> const& tokens) {
    json::array listed;
    for (auto const& t : tokens) {
        json::object token{{"id", t.id}, {"created", t.created}};
        token["revokedAt"] = t.revoked_at ? json::value(*t.revoked_at) : json::value(nullptr);
        listed.push_back(std::move(token));
    }
    return {{"id", d.id},
            {"name", d.name},
            {"basePath", "/scim/directory/" + d.id},
            {"paused", d.paused},
            {"tokens", std::move(listed)}};
}

// The directory, when it belongs to the organization.
store::directory_row directory_of(soci::session& s, std::string const& organization, std::string const& id) {
    auto d = store::find_directory(s, id);
    if (!d || d->organization_id != organization) {
        throw core::error(core::error_type::not_found, "this organization has no directory " + id);
    }
    return *d;
}

}  // namespace

void add_directory_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/directories";

    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        json::array out;
        ctx.db.read([&](soci::session& s) {
            for (auto const& d : store::list_directories(s, organization)) {
                out.push_back(directory_json(d, store::list_tokens(s, d.id)));
            }
        });
        return json_response(200, json::object{{"directories", std::move(out)}});
    });

    // {"name": "okta"} → the directory and its first token, shown once.
    routes.add("POST", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        auto const* name = body.if_contains("name");
        if (!name || !name->is_string() || name->as_string().empty()) {
            throw core::error(core::error_type::invalid_value, "\"name\" (the directory's name) is required");
        }
        json::object out;
        ctx.db.transact([&](soci::session& s) {
            auto const d = store::create_directory(s, organization, std::string(name->as_string()));
            auto const token = store::issue_directory_token(s, d.id);
            out = directory_json(d, store::list_tokens(s, d.id));
            out["token"] = token;
        });
        return json_response(201, out);
    });

    routes.add("POST", base + "/{id}/tokens", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        json::object out;
        ctx.db.transact([&](soci::session& s) {
            auto const d = directory_of(s, organization, p.at("id"));
            out = json::object{{"token", store::issue_directory_token(s, d.id)}, {"directory", d.id}};
        });
        return json_response(201, out);
    });

    routes.add("DELETE", base + "/{id}/tokens/{token}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const d = directory_of(s, organization, p.at("id"));
            if (!store::revoke_token(s, d.id, p.at("token"))) {
                throw core::error(core::error_type::not_found, "the directory has no active token " + p.at("token"));
            }
        });
        http::response res;
        res.status = 204;
        return res;
    });

    for (auto const* action : {"pause", "resume"}) {
        bool const pause = std::string_view(action) == "pause";
        routes.add("POST", base + "/{id}/" + action, [&ctx, pause](http::request const& req, http::route_params const& p) {
            auto const& organization = p.at("organization");
            authenticate_admin(ctx, req, organization);
            json::object out;
            ctx.db.transact([&](soci::session& s) {
                directory_of(s, organization, p.at("id"));
                store::set_directory_paused(s, organization, p.at("id"), pause);
                auto const d = directory_of(s, organization, p.at("id"));
                out = directory_json(d, store::list_tokens(s, d.id));
            });
            return json_response(200, out);
        });
    }
}

}  // namespace scim::admin
