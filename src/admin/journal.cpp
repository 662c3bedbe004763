// The provisioning journal through the admin API (DOMAIN.md "journal entry", docs/journal.md):
// an organization's entries, newest first, filtered by account, directory and time, paged
// with an opaque keyset cursor. Only the organization's own entries are ever read, so a
// directory or account of another organization simply matches nothing.

#include <charconv>

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/store/journal.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

constexpr std::int64_t default_count = 50;
constexpr std::int64_t max_count = 500;

json::value optional_json(std::optional<std::string> const& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object entry_json(store::journal_entry const& e) {
    auto const& r = e.record;
    return {{"id", e.id},
            {"time", e.time},
            {"actor", e.actor},
            {"directoryId", optional_json(e.directory_id)},
            {"adminTokenId", optional_json(e.admin_token_id)},
            {"requestId", r.request_id},
            {"method", r.method},
            {"path", r.path},
            {"resourceType", r.resource_type},
            {"resourceId", optional_json(r.resource_id)},
            {"accountId", optional_json(r.account_id)},
            {"request", r.request},
            {"normalized", r.normalized},
            {"diff", r.diff},
            {"outcome", json::object{{"status", r.status}, {"scimType", optional_json(r.scim_type)},
                                     {"detail", optional_json(r.detail)}}}};
}

[[noreturn]] void refuse(std::string detail) { throw core::error(core::error_type::invalid_value, std::move(detail)); }

// The query parameters, each checked before anything is read: a bad one is 400, never an
// empty page that looks like "nothing happened".
store::journal_query read_query(http::request const& req, std::string const& organization) {
    store::journal_query q;
    q.organization_id = organization;
    q.limit = default_count;
    for (auto const& [name, value] : http::query_parameters(req.query)) {
        if (core::iequals(name, "account")) {
            q.account_id = value;
        } else if (core::iequals(name, "directory")) {
            q.directory_id = value;
        } else if (core::iequals(name, "since") || core::iequals(name, "until")) {
            if (!protocol::is_rfc3339_date_time(value)) refuse(name + " must be an RFC 3339 date-time such as 2026-11-23T10:00:00Z");
            (core::iequals(name, "since") ? q.since : q.until) = value;
        } else if (core::iequals(name, "count")) {
            auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q.limit);
            if (ec != std::errc() || end != value.data() + value.size() || q.limit < 1 || q.limit > max_count) {
                refuse("count must be an integer from 1 to " + std::to_string(max_count));
            }
        } else if (core::iequals(name, "cursor")) {
            auto const position = protocol::decode_journal_cursor(value);
            q.before_time = position.time;
            q.before_id = position.id;
        }
    }
    return q;
}

}  // namespace

void add_journal_routes(http::router& routes, context& ctx) {
    routes.add("GET", "/admin/organizations/{organization}/journal", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto query = read_query(req, organization);
        auto const page_size = query.limit;
        // One more than the page: whether there is a next page, without a count of them all.
        ++query.limit;
        std::vector<store::journal_entry> entries;
        ctx.db.read([&](soci::session& s) { entries = store::list_journal(s, query); });
        bool const more = static_cast<std::int64_t>(entries.size()) > page_size;
        if (more) entries.pop_back();
        json::array listed;
        for (auto const& e : entries) listed.push_back(entry_json(e));
        json::object out{{"entries", std::move(listed)}};
        if (more) out["nextCursor"] = protocol::encode_journal_cursor({entries.back().time, entries.back().id});
        return json_response(200, out);
    });
}

}  // namespace scim::admin
