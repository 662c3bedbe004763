#pragma once
// What a scrape of /metrics reads from the database for the caller's organization
// (docs/metrics.md): its directories, to show only their series, and its backlogs. Each is
// an index lookup, cheap enough for every scrape.

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace scim::store {

class session;  // scim/store/database.hpp

struct organization_readings {
    std::set<std::string> directory_ids;
    // Age in seconds of the organization's oldest journal entry (none: no entry): with
    // --journal-retention-days it stays under the retention once the sweep keeps up.
    std::optional<std::int64_t> oldest_journal_entry_seconds;
    // Messages queued to be mailed (not failed), those the sender gave up on and still holds,
    // and the age in seconds of the oldest queued one.
    std::int64_t outbox_pending = 0;
    std::int64_t outbox_failed = 0;
    std::optional<std::int64_t> oldest_pending_message_seconds;
};

organization_readings read_organization_readings(session& s, std::string const& organization_id);

}  // namespace scim::store
