#include "scim/api/routes.hpp"

#include "api_routes.hpp"

namespace scim::api {

void add_routes(http::router& routes, service::context const& ctx) {
    add_health_routes(routes, ctx);
    add_discovery_routes(routes, ctx);
    add_user_routes(routes, ctx);
    add_group_routes(routes, ctx);
    add_root_search_routes(routes, ctx);
    add_bulk_routes(routes, ctx);
}

}  // namespace scim::api
