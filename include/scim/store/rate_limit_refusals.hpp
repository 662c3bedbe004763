#pragma once
// What the journal says of a directory's rate-limit refusals (docs/rate-limits.md "Journal and
// summary"): each of its refusal entries (status 429) counts the requests it stands for.

#include <cstdint>
#include <optional>
#include <string>

namespace scim::store {

class session;  // scim/store/database.hpp

struct rate_limit_refusals {
    std::int64_t count = 0;
    std::optional<std::string> last;  // RFC 3339, UTC: the latest refusal
};

// The refusals the directory's entries of the last 24 hours record.
rate_limit_refusals recent_rate_limit_refusals(session& s, std::string const& directory_id);

}  // namespace scim::store
