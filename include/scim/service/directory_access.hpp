#pragma once
// The use cases that read nothing but the caller's right to read: discovery (/ServiceProviderConfig,
// /Schemas, /ResourceTypes answer from the schema registry) and readiness.

#include "scim/service/context.hpp"
#include "scim/service/scim_request.hpp"

namespace scim::service {

// The request's bearer token must be its directory's (core::error(unauthorized) otherwise).
void check_directory_access(context const& ctx, scim_request const& req);

// Whether the database answers now (GET /readyz).
bool database_ready(context const& ctx) noexcept;

}  // namespace scim::service
