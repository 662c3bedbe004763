#include "scim/store/resource_tallies.hpp"

#include "session.hpp"

namespace scim::store {

std::int64_t fold_resource_tallies(session& s) {
    sql_text sql(
        "WITH folded AS (DELETE FROM resource_tally_changes RETURNING directory_id, resource_type, live_delta, "
        "writes), "
        "sums AS (SELECT directory_id, resource_type, sum(live_delta) AS live, sum(writes) AS writes, "
        "count(*) AS changes FROM folded GROUP BY directory_id, resource_type), "
        "kept AS (INSERT INTO resource_tallies AS t (directory_id, resource_type, live, writes) "
        "SELECT s.directory_id, s.resource_type, s.live, s.writes FROM sums s "
        "WHERE EXISTS (SELECT 1 FROM directories d WHERE d.id = s.directory_id) "
        "ON CONFLICT (directory_id, resource_type) DO UPDATE "
        "SET live = t.live + excluded.live, writes = t.writes + excluded.writes) "
        "SELECT coalesce(sum(changes), 0) AS folded FROM sums");
    // The organizations' managed accounts (014_managed_account_listing.sql), the same way.
    sql_text accounts(
        "WITH folded AS (DELETE FROM managed_account_tally_changes RETURNING organization_id, live_delta, writes), "
        "sums AS (SELECT organization_id, sum(live_delta) AS live, sum(writes) AS writes, count(*) AS changes "
        "FROM folded GROUP BY organization_id), "
        "kept AS (INSERT INTO managed_account_tallies AS t (organization_id, live, writes) "
        "SELECT s.organization_id, s.live, s.writes FROM sums s "
        "WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = s.organization_id) "
        "ON CONFLICT (organization_id) DO UPDATE "
        "SET live = t.live + excluded.live, writes = t.writes + excluded.writes) "
        "SELECT coalesce(sum(changes), 0) AS folded FROM sums");
    // The Users page's counts by status (026_users_page.sql), the same way; a scope is an
    // organization or a site, and a deleted one's rows are left at zero.
    sql_text users(
        "WITH folded AS (DELETE FROM user_tally_changes RETURNING scope_id, status, live_delta, writes), "
        "sums AS (SELECT scope_id, status, sum(live_delta) AS live, sum(writes) AS writes, count(*) AS changes "
        "FROM folded GROUP BY scope_id, status), "
        "kept AS (INSERT INTO user_tallies AS t (scope_id, status, live, writes) "
        "SELECT scope_id, status, live, writes FROM sums "
        "ON CONFLICT (scope_id, status) DO UPDATE SET live = t.live + excluded.live, writes = t.writes + "
        "excluded.writes) "
        "SELECT coalesce(sum(changes), 0) AS folded FROM sums");
    return s.run(sql).front().number("folded") + s.run(accounts).front().number("folded") +
           s.run(users).front().number("folded");
}

}  // namespace scim::store
