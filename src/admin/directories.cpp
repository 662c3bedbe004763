// Directories through the admin API (service/directories.hpp): create, list, issue and revoke
// tokens, pause and resume.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "directory_json.hpp"
#include "scim/core/error.hpp"
#include "scim/service/directories.hpp"

namespace scim::admin {

namespace json = boost::json;

json::object directory_json(service::directory_view const& v, core::rate_limit_settings const& defaults) {
    json::array listed;
    for (auto const& t : v.tokens) {
        json::object token{{"id", t.id}, {"created", t.created}};
        token["revokedAt"] = t.revoked_at ? json::value(*t.revoked_at) : json::value(nullptr);
        listed.push_back(std::move(token));
    }
    auto const& d = v.directory;
    return {{"id", d.id},
            {"name", d.name},
            {"basePath", "/scim/directory/" + d.id},
            {"paused", d.paused},
            {"rateLimit", rate_limit_json(d.rate_limit, defaults)},
            {"tokens", std::move(listed)}};
}

namespace {

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    json::array out;
    for (auto const& d : service::list_directories(ctx, admin_call_of(req, p).request))
        out.push_back(directory_json(d, ctx.config.rate_limits));
    return json_response(200, json::object{{"directories", std::move(out)}});
}

// {"name": "okta"} → the directory and its first token, shown once.
http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    auto const* name = body.if_contains("name");
    if (!name || !name->is_string() || name->as_string().empty()) {
        throw core::error(core::error_type::invalid_value, "\"name\" (the directory's name) is required");
    }
    auto const created =
        service::create_directory(ctx, call.request, checked_text("name", name->as_string(), line_rule));
    auto out = directory_json(created.view, ctx.config.rate_limits);
    out["token"] = created.token;
    return json_response(201, out);
}

http::response issue_token(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const token = service::issue_directory_token(ctx, admin_call_of(req, p).request, p.at("id"));
    return json_response(201, json::object{{"token", token}, {"directory", p.at("id")}});
}

http::response revoke_token(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::revoke_directory_token(ctx, admin_call_of(req, p).request, p.at("id"), p.at("token"));
    return no_content();
}

http::response pause(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const paused = service::set_directory_paused(ctx, admin_call_of(req, p).request, p.at("id"), true);
    return json_response(200, directory_json(paused, ctx.config.rate_limits));
}

http::response resume(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const resumed = service::set_directory_paused(ctx, admin_call_of(req, p).request, p.at("id"), false);
    return json_response(200, directory_json(resumed, ctx.config.rate_limits));
}

}  // namespace

void add_directory_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/directories";
    routes.add("GET", base, bind(ctx, list));
    routes.add("POST", base, bind(ctx, create));
    routes.add("POST", base + "/{id}/tokens", bind(ctx, issue_token));
    routes.add("DELETE", base + "/{id}/tokens/{token}", bind(ctx, revoke_token));
    routes.add("POST", base + "/{id}/pause", bind(ctx, pause));
    routes.add("POST", base + "/{id}/resume", bind(ctx, resume));
}

}  // namespace scim::admin
