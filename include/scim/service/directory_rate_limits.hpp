#pragma once
// A directory's rate limit through the admin API (docs/rate-limits.md, docs/admin-api.md
// "Directories"): one directory with the limit its requests are charged against and its recent
// refusals, setting its own limit (or the server's default, or none), and the journal entries
// that record refusals.

#include <optional>
#include <string>

#include "scim/core/config.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/service/directories.hpp"
#include "scim/service/rate_limiter.hpp"
#include "scim/store/rate_limit_refusals.hpp"
#include "scim/store/tenants.hpp"

namespace scim::store {
class database;
}

namespace scim::service {

// The limit a directory's requests are charged against: its own, the server's default (none
// when that is 0 per second), or none.
std::optional<rate_limit> effective_rate_limit(core::rate_limit_settings const& defaults,
                                               store::directory_rate_limit const& own);

struct directory_detail {
    directory_view view;
    std::optional<rate_limit> effective_rate_limit;
    // The last 24 hours' refusals: the journal's, and this process's not journaled yet.
    store::rate_limit_refusals refusals;
};

// The directory's refusals of the last 24 hours: its journal entries' and this process's not
// journaled yet.
store::rate_limit_refusals recent_refusals(context const& ctx, store::session& s, std::string const& directory_id);

// core::error(not_found) for a directory that is not the organization's.
directory_detail get_directory(context const& ctx, admin_request const& req, std::string const& directory_id);

// Audited as "directory.rateLimit"; takes effect at once on this process (the token cache holds
// the directory's settings and forgets them), on other replicas within --token-cache-ms.
directory_detail set_directory_rate_limit(context const& ctx, admin_request const& req, std::string const& directory_id,
                                          store::directory_rate_limit const& limit);

// Appends one journal entry per directory for the refusals tallied since the last call (status
// 429, the first refused request's id, method and path, the count and times in `normalized`).
// Tallies the journal could not take are kept for the next call. Answers the entries written.
std::size_t journal_rate_limit_refusals(store::database& db, rate_limiter& limiter);

}  // namespace scim::service
