#pragma once
// A directory's health through the admin API (docs/admin-api.md "Directory health"): what its
// journal says of its identity provider's pushes — the last one, the last 24 hours' writes and
// failures, the most common errors and tolerance rules — and its rate-limit refusals.

#include <string>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/directory_health.hpp"
#include "scim/store/rate_limit_refusals.hpp"

namespace scim::service {

// How many errors and normalizations the health lists.
inline constexpr int directory_health_top = 5;

struct directory_health_view {
    store::directory_health health;
    store::rate_limit_refusals refusals;  // the last 24 hours'
};

// core::error(not_found) for a directory that is not the organization's.
directory_health_view get_directory_health(context const& ctx, admin_request const& req,
                                           std::string const& directory_id);

}  // namespace scim::service
