#pragma once
// Charging a SCIM request to its directory's bucket (docs/rate-limits.md), from
// authenticate_directory: once the token is known to be the directory's, before any other work.

#include "scim/service/context.hpp"
#include "scim/service/scim_request.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {

// One token of the directory's bucket; core::error(too_many_requests) with Retry-After (RFC 6585
// §4) when it is empty. Nothing when no limit applies.
void charge_rate_limit(context const& ctx, scim_request const& req, store::directory_settings const& directory);

}  // namespace scim::service
