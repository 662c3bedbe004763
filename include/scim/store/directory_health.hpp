#pragma once
// What the journal says of one directory's recent pushes (docs/admin-api.md "Directory health"):
// its last write, and its writes, failures, errors and tolerance rules of the last 24 hours, each
// read from an index (009_journal.sql, 025_console_queries.sql), never from the entries' bodies.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct journal_error_count {
    int status = 0;
    std::optional<std::string> scim_type;
    std::optional<std::string> detail;  // the latest entry's of this status and scimType
    std::int64_t count = 0;
};

struct journal_kind_count {
    std::string kind;  // protocol/normalization_kinds.hpp
    std::int64_t count = 0;
};

struct directory_health {
    std::optional<std::string> last_push;  // RFC 3339, UTC: the latest write's entry, of any age
    // The last 24 hours' writes and, of them, those answered 400 or more. Rate-limit refusals'
    // entries (status 429) are not writes: they count the requests refused (rate_limit_refusals.hpp).
    std::int64_t writes = 0;
    std::int64_t failures = 0;
    std::vector<journal_error_count> errors;         // most frequent first, at most `top`
    std::vector<journal_kind_count> normalizations;  // most frequent first, at most `top`
};

// The health of a directory (a UUID; anything else has no entries).
directory_health read_directory_health(session& s, std::string const& directory_id, int top);

}  // namespace scim::store
