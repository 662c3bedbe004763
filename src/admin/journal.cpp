// The provisioning journal through the admin API (service/journal.hpp): ?account=, ?directory=,
// ?actor= (directory, admin, account), ?outcome= (success, failure), ?since=, ?until= (RFC 3339),
// ?count= and ?cursor= (the previous page's nextCursor).

#include <charconv>

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/date_time.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/service/journal.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

constexpr std::int64_t default_count = 50;
constexpr std::int64_t max_count = 500;

json::object entry_json(store::journal_entry const& e) {
    auto const& r = e.record;
    return {{"id", e.id},
            {"time", e.time},
            {"actor", e.actor},
            {"directoryId", json_or_null(e.directory_id)},
            {"adminTokenId", json_or_null(e.admin_token_id)},
            {"adminTokenLabel", json_or_null(e.admin_token_label)},
            {"action", json_or_null(r.action)},
            {"requestId", r.request_id},
            {"method", r.method},
            {"path", r.path},
            {"resourceType", r.resource_type},
            {"resourceId", json_or_null(r.resource_id)},
            {"accountId", json_or_null(r.account_id)},
            {"request", r.request},
            {"normalized", r.normalized},
            {"diff", r.diff},
            {"outcome", json::object{{"status", r.status},
                                     {"scimType", json_or_null(r.scim_type)},
                                     {"error", json_or_null(r.error)},
                                     {"detail", json_or_null(r.detail)}}}};
}

[[noreturn]] void refuse(std::string detail) { throw core::error(core::error_type::invalid_value, std::move(detail)); }

store::journal_actor actor_of(std::string const& value) {
    if (value == "directory") return store::journal_actor::directory;
    if (value == "admin") return store::journal_actor::admin;
    if (value == "account") return store::journal_actor::account;
    refuse("actor must be directory, admin or account");
}

store::journal_outcome outcome_of(std::string const& value) {
    if (value == "success") return store::journal_outcome::success;
    if (value == "failure") return store::journal_outcome::failure;
    refuse("outcome must be success (a status below 400) or failure (400 or more)");
}

// The query parameters, each checked before anything is read: a bad one is 400, never an
// empty page that looks like "nothing happened".
service::journal_filter read_filter(admin_call const& call) {
    service::journal_filter f;
    f.count = default_count;
    for (auto const& [name, value] : call.parameters) {
        if (core::iequals(name, "account")) {
            f.account_id = value;
        } else if (core::iequals(name, "directory")) {
            f.directory_id = value;
        } else if (core::iequals(name, "actor")) {
            f.actor = actor_of(value);
        } else if (core::iequals(name, "outcome")) {
            f.outcome = outcome_of(value);
        } else if (core::iequals(name, "since") || core::iequals(name, "until")) {
            if (!protocol::is_rfc3339_date_time(value))
                refuse(name + " must be an RFC 3339 date-time such as 2026-11-23T10:00:00Z");
            (core::iequals(name, "since") ? f.since : f.until) = value;
        } else if (core::iequals(name, "count")) {
            auto const [end, ec] = std::from_chars(value.data(), value.data() + value.size(), f.count);
            if (ec != std::errc() || end != value.data() + value.size() || f.count < 1 || f.count > max_count) {
                refuse("count must be an integer from 1 to " + std::to_string(max_count));
            }
        } else if (core::iequals(name, "cursor")) {
            f.after = protocol::decode_journal_cursor(value);
        }
    }
    return f;
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const page = service::list_journal(ctx, call.request, read_filter(call));
    json::array listed;
    for (auto const& e : page.entries) listed.push_back(entry_json(e));
    json::object out{{"entries", std::move(listed)}};
    if (page.next) out["nextCursor"] = protocol::encode_journal_cursor(*page.next);
    return json_response(200, out);
}

}  // namespace

void add_journal_routes(http::router& routes, service::context const& ctx) {
    routes.add("GET", "/admin/organizations/{organization}/journal", bind(ctx, list));
}

}  // namespace scim::admin
