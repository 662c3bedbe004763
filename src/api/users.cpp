// SCIM Users over HTTP (RFC 7644 §3.3, §3.4.1, §3.4.2, §3.4.3, §3.5.1, §3.5.2, §3.6): each
// handler reads the request once, calls one use case (service/scim_users.hpp) and renders its
// answer.

#include "api_routes.hpp"
#include "list_responses.hpp"
#include "scim/service/scim_users.hpp"
#include "scim_call.hpp"
#include "user_rendering.hpp"

namespace scim::api {
namespace {

scim_call user_call(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return scim_call_of(ctx, req, p, &ctx.registry.user_type());
}

http::response user_response(service::context const& ctx, scim_call const& call, int status,
                             service::user_view const& user) {
    return single_resource(status, render_user(ctx.registry, call.base_url, user, call.request.projection),
                           user.version);
}

http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = user_call(ctx, req, p);
    auto const user = service::create_user(ctx, call.request);
    auto res = user_response(ctx, call, 201, user);
    res.set_header("Location", call.base_url + "/Users/" + user.id);
    return res;
}

http::response read(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = user_call(ctx, req, p);
    auto const answer = service::read_user(ctx, call.request, p.at("id"));
    if (!answer.user) return not_modified(answer.version);
    return user_response(ctx, call, 200, *answer.user);
}

http::response replace(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = user_call(ctx, req, p);
    return user_response(ctx, call, 200, service::replace_user(ctx, call.request, p.at("id")));
}

http::response patch(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = user_call(ctx, req, p);
    auto const answer = service::patch_user(ctx, call.request, p.at("id"));
    if (!answer.user) return no_content(call, answer.version);
    return user_response(ctx, call, 200, *answer.user);
}

http::response remove(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::delete_user(ctx, user_call(ctx, req, p).request, p.at("id"));
    http::response res;
    res.status = 204;
    return res;
}

http::response list_page(service::context const& ctx, scim_call const& call, protocol::list_query const& query) {
    auto const page = service::list_users(ctx, call.request, query);
    return list_response(page, [&](service::user_view const& u) {
        return render_user(ctx.registry, call.base_url, u, page.projection);
    });
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = scim_call_of(ctx, req, p, nullptr);
    return list_page(ctx, call, call.list_query(ctx));
}

// RFC 7644 §3.4.3: a search in the body, so that filters stay out of URLs and logs.
http::response search(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = scim_call_of(ctx, req, p, nullptr);
    return list_page(ctx, call, call.search_request(ctx));
}

}  // namespace

void add_user_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/scim/directory/{directory}/Users";
    routes.add("POST", base, bind(ctx, create));
    routes.add("GET", base + "/{id}", bind(ctx, read));
    routes.add("PUT", base + "/{id}", bind(ctx, replace));
    routes.add("PATCH", base + "/{id}", bind(ctx, patch));
    routes.add("DELETE", base + "/{id}", bind(ctx, remove));
    routes.add("GET", base, bind(ctx, list));
    routes.add("POST", base + "/.search", bind(ctx, search));
}

}  // namespace scim::api
