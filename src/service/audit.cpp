#include "scim/service/audit.hpp"

#include "admin_authentication.hpp"

namespace scim::service {
namespace {

store::journal_query query_of(admin_request const& req, audit_filter const& filter) {
    store::journal_query query;
    query.organization_id = req.organization_id;
    query.actor = store::journal_actor::admin;
    query.admin_token_id = filter.actor;
    query.action = filter.action;
    query.since = filter.since;
    query.until = filter.until;
    return query;
}

}  // namespace

journal_page list_audit(context const& ctx, admin_request const& req, audit_filter const& filter,
                        std::optional<protocol::journal_position> const& after, std::int64_t count) {
    auto query = query_of(req, filter);
    if (after) {
        query.before_time = after->time;
        query.before_id = after->id;
    }
    // One more than the page: whether there is a next page, without a count of them all.
    query.limit = count + 1;
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        journal_page out;
        lease.read([&](store::session& s) { out.entries = store::list_journal(s, query); });
        if (static_cast<std::int64_t>(out.entries.size()) > count) {
            out.entries.pop_back();
            out.next = protocol::journal_position{out.entries.back().time, out.entries.back().id};
        }
        return out;
    });
}

audit_export open_audit_export(context const& ctx, admin_request const& req, audit_filter const& filter) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        // The export keeps the connection the token was checked on, and one export place.
        auto reader = std::make_unique<store::journal_export>(std::move(lease), query_of(req, filter),
                                                              ctx.config.max_concurrent_exports);
        return audit_export(std::move(reader));
    });
}

}  // namespace scim::service
