#pragma once
// A directory as the admin API shows it (docs/admin-api.md "Directories"), shared by the
// directories' routes and their rate limit's.

#include <boost/json/object.hpp>

#include "scim/core/config.hpp"
#include "scim/service/directories.hpp"

namespace scim::admin {

// {"source", "requestsPerSecond", "burst"}: where the limit comes from ("default", "directory",
// "off") and the numbers the directory's requests are charged against (null: not limited).
boost::json::object rate_limit_json(store::directory_rate_limit const& own, core::rate_limit_settings const& defaults);

// {"id", "name", "basePath", "paused", "rateLimit", "tokens"}.
boost::json::object directory_json(service::directory_view const& v, core::rate_limit_settings const& defaults);

}  // namespace scim::admin
