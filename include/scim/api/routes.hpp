#pragma once
// The SCIM endpoints under each directory's base URL (/scim/directory/{directory}: Users,
// Groups, their members, .search, discovery) and the health probes.

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"
#include "scim/http/router.hpp"
#include "scim/service/context.hpp"

namespace scim::api {

void add_routes(http::router& routes, service::context const& ctx);

// The SCIM error body (RFC 7644 §3.12) for every error, with WWW-Authenticate on 401
// (RFC 6750 §3) and Retry-After where the error carries one.
http::response render_error(core::error const& e, http::request const* req);

}  // namespace scim::api
