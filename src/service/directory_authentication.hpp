#pragma once
// Bearer tokens of a directory (`scimd_<16 hex id>_<secret>`, core/bearer_tokens.hpp): the id
// finds the row, only SHA-256(secret) is stored, and it is compared in constant time. Checked
// on the connection the request then works on.

#include "scim/service/context.hpp"
#include "scim/service/scim_request.hpp"
#include "scim/store/tenants.hpp"

namespace scim::store {
class session;
}

namespace scim::service {

// The request's bearer token must be valid and belong to its directory; otherwise
// core::error(unauthorized), the same answer for every failure, so that a caller learns
// nothing about which part was wrong or whether another directory exists. Answers the
// directory's settings, read with the token. A token read within the token cache's lifetime is
// not read again (token_cache.hpp); its secret is compared all the same. Then the request costs
// one token of the directory's rate limit: core::error(too_many_requests) with Retry-After when
// none is left (docs/rate-limits.md).
store::directory_settings authenticate_directory(context const& ctx, store::session& s, scim_request const& req);

// A write (anything but GET, HEAD and .search) to a paused directory is
// core::error(service_unavailable) with Retry-After.
void refuse_paused_writes(scim_request const& req, store::directory_settings const& directory);

}  // namespace scim::service
