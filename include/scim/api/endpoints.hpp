#pragma once
// Each endpoint file adds its routes; main.cpp calls these once each.

#include "scim/api/context.hpp"
#include "scim/http/router.hpp"

namespace scim::api {

// GET /healthz, GET /readyz (no authentication).
void add_health_routes(http::router& routes, context& ctx);
// /ServiceProviderConfig, /Schemas, /ResourceTypes under each directory's base URL.
void add_discovery_routes(http::router& routes, context& ctx);
// /Users under each directory's base URL.
void add_user_routes(http::router& routes, context& ctx);
// /Groups under each directory's base URL.
void add_group_routes(http::router& routes, context& ctx);
// /Groups/{id}/members: a group's members, paged.
void add_group_member_routes(http::router& routes, context& ctx);
// POST /.search: a search across Users and Groups (RFC 7644 §3.4.3).
void add_root_search_routes(http::router& routes, context& ctx);

// The SCIM error body (RFC 7644 §3.12) for every error, with WWW-Authenticate on 401
// (RFC 6750 §3) and Retry-After where the error carries one.
http::response render_error(core::error const& e, http::request const* req);

}  // namespace scim::api
