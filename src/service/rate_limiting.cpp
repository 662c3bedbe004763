#include "rate_limiting.hpp"

#include <string>

#include "scim/core/error.hpp"
#include "scim/service/directory_rate_limits.hpp"

namespace scim::service {

void charge_rate_limit(context const& ctx, scim_request const& req, store::directory_settings const& directory) {
    auto const limit = effective_rate_limit(ctx.config.rate_limits, directory.rate_limit);
    if (!limit) return;
    auto const wait = ctx.rate_limits.take(req.directory_id, *limit, {req.id, req.method, req.path});
    if (!wait) return;
    // RFC 7644 §3.12 has no scimType for it; the detail says what the client should do.
    throw core::error(core::error_type::too_many_requests, "this directory's rate limit is exhausted; retry after " +
                                                               std::to_string(*wait) +
                                                               (*wait == 1 ? " second" : " seconds"))
        .retry_after(*wait);
}

}  // namespace scim::service
