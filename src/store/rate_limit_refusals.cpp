#include "scim/store/rate_limit_refusals.hpp"

#include "identifiers.hpp"
#include "session.hpp"

namespace scim::store {

rate_limit_refusals recent_rate_limit_refusals(session& s, std::string const& directory_id) {
    rate_limit_refusals out;
    if (!is_uuid(directory_id)) return out;
    // An index range of journal_entries_directory: the day's entries of one directory.
    sql_text sql(
        "SELECT coalesce(sum((normalized->>'refused')::bigint), 0) AS count, "
        "max(normalized->>'lastRefusedAt') AS last FROM journal_entries WHERE directory_id = CAST(");
    sql.bind(directory_id) << " AS uuid) AND occurred_at > now() - interval '24 hours' AND status = 429 "
                              "AND normalized->>'refused' IS NOT NULL";
    auto const r = s.run(sql).front();
    out.count = r.number("count");
    out.last = r.nullable_text("last");
    return out;
}

}  // namespace scim::store
