#pragma once
// The admin API (docs/admin-api.md): JSON endpoints under /admin/organizations/{organization},
// authenticated with the organization's admin tokens, and the link an account's owner opens to
// confirm an email address (/email-verifications/{token}).

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"
#include "scim/http/router.hpp"
#include "scim/service/context.hpp"

namespace scim::admin {

// Every admin route, and the admin error body for every path under /admin/ and
// /email-verifications/.
void add_routes(http::router& routes, service::context const& ctx);

// docs/admin-api.md "Errors": {"status": 409, "error": "uniqueness", "detail": "…"} as
// application/json, with WWW-Authenticate on 401 and Retry-After where the error carries one.
http::response render_error(core::error const& e, http::request const* req);

}  // namespace scim::admin
