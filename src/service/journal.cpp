#include "scim/service/journal.hpp"

#include "admin_authentication.hpp"

namespace scim::service {

journal_page list_journal(context const& ctx, admin_request const& req, journal_filter const& filter) {
    store::journal_query query;
    query.organization_id = req.organization_id;
    query.account_id = filter.account_id;
    query.directory_id = filter.directory_id;
    query.actor = filter.actor;
    query.outcome = filter.outcome;
    query.since = filter.since;
    query.until = filter.until;
    if (filter.after) {
        query.before_time = filter.after->time;
        query.before_id = filter.after->id;
    }
    // One more than the page: whether there is a next page, without a count of them all.
    query.limit = filter.count + 1;
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        journal_page out;
        lease.read([&](store::session& s) { out.entries = store::list_journal(s, query); });
        if (static_cast<std::int64_t>(out.entries.size()) > filter.count) {
            out.entries.pop_back();
            out.next = protocol::journal_position{out.entries.back().time, out.entries.back().id};
        }
        return out;
    });
}

}  // namespace scim::service
