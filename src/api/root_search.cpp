// POST /.search at a directory's base URL (RFC 7644 §3.4.3; service/scim_search.hpp): the
// matching Users, then the matching Groups, with index paging over that sequence.

#include <boost/json/array.hpp>

#include "api_routes.hpp"
#include "group_rendering.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/service/scim_search.hpp"
#include "scim_call.hpp"
#include "user_rendering.hpp"

namespace scim::api {
namespace {

http::response search(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = scim_call_of(ctx, req, p, nullptr);
    auto const page = service::search_directory(ctx, call.request, call.search_request(ctx));
    boost::json::array resources;
    for (auto const& u : page.users)
        resources.push_back(render_user(ctx.registry, call.base_url, u, page.user_projection));
    for (auto const& g : page.groups)
        resources.push_back(render_group(ctx.registry, call.base_url, g, page.group_projection));
    return scim_json(200, protocol::list_response(page.total, page.start_index, std::move(resources)));
}

}  // namespace

void add_root_search_routes(http::router& routes, service::context const& ctx) {
    routes.add("POST", "/scim/directory/{directory}/.search", bind(ctx, search));
}

}  // namespace scim::api
