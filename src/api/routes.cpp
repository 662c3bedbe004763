#include "scim/api/routes.hpp"

#include "api_routes.hpp"

namespace scim::api {

void add_routes(http::router& routes, service::context const& ctx) {
    // Identity providers and suites send "/users", "/groups", "/serviceproviderconfig": the
    // endpoint names of every route under a directory match in any letter case (the directory
    // and resource ids do not), and a write journals the respelling (docs/journal.md).
    routes.literals_in_any_case_after("/scim/directory/{directory}");
    add_health_routes(routes, ctx);
    add_discovery_routes(routes, ctx);
    add_user_routes(routes, ctx);
    add_group_routes(routes, ctx);
    add_root_search_routes(routes, ctx);
    add_me_routes(routes, ctx);
    add_bulk_routes(routes, ctx);
}

}  // namespace scim::api
