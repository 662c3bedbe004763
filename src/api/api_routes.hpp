#pragma once
// Each file of the SCIM API adds its routes; routes.cpp calls these once each.

#include "scim/http/router.hpp"
#include "scim/service/context.hpp"

namespace scim::api {

// GET /healthz, GET /readyz (no authentication).
void add_health_routes(http::router& routes, service::context const& ctx);
// /ServiceProviderConfig, /Schemas, /ResourceTypes.
void add_discovery_routes(http::router& routes, service::context const& ctx);
// /Users and /Users/.search.
void add_user_routes(http::router& routes, service::context const& ctx);
// /Groups, /Groups/.search and /Groups/{id}/members.
void add_group_routes(http::router& routes, service::context const& ctx);
// /Me and its sub-paths: 501 on every method, once the token is checked (RFC 7644 §3.11).
void add_me_routes(http::router& routes, service::context const& ctx);
// POST /Bulk (RFC 7644 §3.7).
void add_bulk_routes(http::router& routes, service::context const& ctx);
// POST /.search across Users and Groups (RFC 7644 §3.4.3).
void add_root_search_routes(http::router& routes, service::context const& ctx);

}  // namespace scim::api
