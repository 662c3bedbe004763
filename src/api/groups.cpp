// SCIM Groups over HTTP (RFC 7644 §3.3, §3.4.1, §3.4.2, §3.4.3, §3.5.1, §3.5.2, §3.6) and
// GET /Groups/{id}/members, the member listing a Group response points to when it shows fewer
// members than the group has (docs/groups.md): each handler reads the request once, calls one
// use case (service/scim_groups.hpp) and renders its answer.

#include <boost/json/array.hpp>

#include "api_routes.hpp"
#include "group_rendering.hpp"
#include "list_responses.hpp"
#include "scim/service/scim_groups.hpp"
#include "scim_call.hpp"

namespace scim::api {
namespace {

scim_call group_call(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return scim_call_of(ctx, req, p, &ctx.registry.group_type());
}

http::response group_response(service::context const& ctx, scim_call const& call, int status,
                              service::group_view const& group) {
    return single_resource(status, render_group(ctx.registry, call.base_url, group, call.request.projection),
                           group.row.version);
}

http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = group_call(ctx, req, p);
    auto const group = service::create_group(ctx, call.request);
    auto res = group_response(ctx, call, 201, group);
    res.set_header("Location", call.base_url + "/Groups/" + group.row.id);
    return res;
}

http::response read(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = group_call(ctx, req, p);
    auto const answer = service::read_group(ctx, call.request, p.at("id"));
    if (!answer.group) return not_modified(answer.version);
    return group_response(ctx, call, 200, *answer.group);
}

http::response replace(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = group_call(ctx, req, p);
    return group_response(ctx, call, 200, service::replace_group(ctx, call.request, p.at("id")));
}

http::response patch(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = group_call(ctx, req, p);
    auto const answer = service::patch_group(ctx, call.request, p.at("id"));
    if (!answer.group) return no_content(call, answer.version);
    return group_response(ctx, call, 200, *answer.group);
}

http::response remove(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::delete_group(ctx, group_call(ctx, req, p).request, p.at("id"));
    http::response res;
    res.status = 204;
    return res;
}

http::response list_page(service::context const& ctx, scim_call const& call, protocol::list_query const& query) {
    auto const page = service::list_groups(ctx, call.request, query);
    return list_response(page, [&](service::group_view const& g) {
        return render_group(ctx.registry, call.base_url, g, page.projection);
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

http::response members(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = scim_call_of(ctx, req, p, nullptr);
    auto const page = service::list_group_members(ctx, call.request, p.at("id"), call.list_query(ctx));
    boost::json::array resources;
    for (auto const& m : page.members) resources.push_back(member_json(call.base_url, m));
    if (!page.cursor_paging)
        return scim_json(200, protocol::list_response(page.total, page.start_index, std::move(resources)));
    auto body = protocol::list_response(page.total, 1, std::move(resources));
    body.erase("startIndex");
    if (page.next_cursor) body["nextCursor"] = *page.next_cursor;
    return scim_json(200, body);
}

}  // namespace

void add_group_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/scim/directory/{directory}/Groups";
    routes.add("POST", base, bind(ctx, create));
    routes.add("GET", base + "/{id}", bind(ctx, read));
    routes.add("PUT", base + "/{id}", bind(ctx, replace));
    routes.add("PATCH", base + "/{id}", bind(ctx, patch));
    routes.add("DELETE", base + "/{id}", bind(ctx, remove));
    routes.add("GET", base, bind(ctx, list));
    routes.add("POST", base + "/.search", bind(ctx, search));
    routes.add("GET", base + "/{id}/members", bind(ctx, members));
}

}  // namespace scim::api
