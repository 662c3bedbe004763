#include "scim/store/directory_health.hpp"

#include <algorithm>

#include "identifiers.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

// The window of "last 24 hours", as rate_limit_refusals.cpp counts it.
constexpr char const* in_window = " AND occurred_at > now() - interval '24 hours'";

// A rate-limit refusals' entry (service/rate_limit_refusals.cpp): one per directory and period.
constexpr int refusals_status = 429;

void bind_directory(sql_text& sql, std::string const& directory_id) {
    sql << "directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid)";
}

// The latest write (journal_entries_directory, newest first) and the window's entry count (an
// index-only range of the same index).
void read_totals(session& s, std::string const& directory_id, directory_health& out) {
    sql_text sql(
        "SELECT (SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
        "FROM journal_entries WHERE ");
    bind_directory(sql, directory_id);
    sql << " AND status <> " << std::to_string(refusals_status)
        << " ORDER BY occurred_at DESC, id DESC LIMIT 1) AS last_push, "
           "(SELECT count(*) FROM journal_entries WHERE ";
    bind_directory(sql, directory_id);
    sql << in_window << ") AS entries";
    auto const r = s.run(sql).front();
    out.last_push = r.nullable_text("last_push");
    out.writes = r.number("entries");
}

// The window's failures by status and scimType (journal_entries_directory_failures, whose
// columns hold both), then the latest detail of the `top` most frequent.
void read_errors(session& s, std::string const& directory_id, int top, directory_health& out) {
    sql_text groups("SELECT status, scim_type, count(*) AS n FROM journal_entries WHERE ");
    bind_directory(groups, directory_id);
    groups << " AND status >= 400" << in_window << " GROUP BY status, scim_type";
    std::vector<journal_error_count> found;
    for (auto const& r : s.run(groups)) {
        journal_error_count e;
        e.status = static_cast<int>(r.number("status"));
        e.scim_type = r.nullable_text("scim_type");
        e.count = r.number("n");
        if (e.status == refusals_status) {
            out.writes -= e.count;
            continue;
        }
        out.failures += e.count;
        found.push_back(std::move(e));
    }
    std::sort(found.begin(), found.end(), [](auto const& a, auto const& b) {
        if (a.count != b.count) return a.count > b.count;
        if (a.status != b.status) return a.status < b.status;
        return a.scim_type < b.scim_type;
    });
    if (found.size() > static_cast<std::size_t>(top)) found.resize(static_cast<std::size_t>(top));
    for (auto& e : found) {
        sql_text latest("SELECT detail FROM journal_entries WHERE ");
        bind_directory(latest, directory_id);
        latest << " AND status >= 400 AND status = CAST(";
        latest.bind_number(e.status) << " AS integer) AND scim_type IS NOT DISTINCT FROM CAST(";
        latest.bind_nullable(e.scim_type) << " AS text)" << in_window << " ORDER BY occurred_at DESC, id DESC LIMIT 1";
        auto const rows = s.run(latest);
        if (!rows.empty()) e.detail = rows.front().nullable_text("detail");
    }
    out.errors = std::move(found);
}

// The window's tolerance rules by kind (journal_entries_directory_normalizations, which holds
// the kinds).
void read_normalizations(session& s, std::string const& directory_id, int top, directory_health& out) {
    sql_text sql(
        "SELECT k AS kind, count(*) AS n FROM journal_entries CROSS JOIN LATERAL unnest(normalization_kinds) AS k "
        "WHERE ");
    bind_directory(sql, directory_id);
    sql << " AND normalization_kinds IS NOT NULL" << in_window << " GROUP BY k ORDER BY n DESC, k LIMIT ";
    sql.bind_number(top);
    for (auto const& r : s.run(sql)) out.normalizations.push_back({r.text("kind"), r.number("n")});
}

}  // namespace

directory_health read_directory_health(session& s, std::string const& directory_id, int top) {
    directory_health out;
    if (!is_uuid(directory_id)) return out;
    read_totals(s, directory_id, out);
    read_errors(s, directory_id, top, out);
    read_normalizations(s, directory_id, top, out);
    return out;
}

}  // namespace scim::store
