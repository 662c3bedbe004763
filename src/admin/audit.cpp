// The audit trail through the admin API (service/audit.hpp, docs/admin-api.md "Audit"): the
// admins' own writes, newest first, ?actor= (an admin token's id), ?action=, ?since=, ?until=
// (RFC 3339), ?count= and ?cursor= (the previous page's nextCursor); and the same entries as a
// CSV file, streamed (docs/exports.md "Audit").

#include <charconv>
#include <memory>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "csv_stream.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/date_time.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/service/audit.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

constexpr std::int64_t default_count = 50;
constexpr std::int64_t max_count = 500;

json::object entry_json(store::journal_entry const& e) {
    auto const& r = e.record;
    return {{"id", e.id},
            {"time", e.time},
            {"actor",
             json::object{{"tokenId", json_or_null(e.admin_token_id)}, {"label", json_or_null(e.admin_token_label)}}},
            {"action", json_or_null(r.action)},
            {"target", json::object{{"type", r.resource_type}, {"id", json_or_null(r.resource_id)}}},
            {"accountId", json_or_null(r.account_id)},
            {"requestId", r.request_id},
            {"method", r.method},
            {"path", r.path},
            {"request", r.request},
            {"diff", r.diff},
            {"outcome",
             json::object{{"status", r.status}, {"error", json_or_null(r.error)}, {"detail", json_or_null(r.detail)}}}};
}

[[noreturn]] void refuse(std::string detail) { throw core::error(core::error_type::invalid_value, std::move(detail)); }

// The filters, each checked before anything is read: a bad one is 400, never an empty list
// that looks like "nobody did anything".
service::audit_filter read_filter(admin_call const& call) {
    service::audit_filter f;
    for (auto const& [name, value] : call.parameters) {
        if (core::iequals(name, "actor")) {
            f.actor = checked_text("actor", value, line_rule);
        } else if (core::iequals(name, "action")) {
            f.action = checked_text("action", value, line_rule);
        } else if (core::iequals(name, "since") || core::iequals(name, "until")) {
            if (!protocol::is_rfc3339_date_time(value))
                refuse(name + " must be an RFC 3339 date-time such as 2026-11-23T10:00:00Z");
            (core::iequals(name, "since") ? f.since : f.until) = value;
        }
    }
    return f;
}

std::int64_t read_count(admin_call const& call) {
    auto const value = call.parameter("count");
    if (!value) return default_count;
    std::int64_t count = 0;
    auto const [end, ec] = std::from_chars(value->data(), value->data() + value->size(), count);
    if (ec != std::errc() || end != value->data() + value->size() || count < 1 || count > max_count) {
        refuse("count must be an integer from 1 to " + std::to_string(max_count));
    }
    return count;
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const filter = read_filter(call);
    auto const count = read_count(call);
    std::optional<protocol::journal_position> after;
    if (auto const cursor = call.parameter("cursor")) after = protocol::decode_journal_cursor(*cursor);
    auto const page = service::list_audit(ctx, call.request, filter, after, count);
    json::array listed;
    for (auto const& e : page.entries) listed.push_back(entry_json(e));
    json::object out{{"entries", std::move(listed)}};
    if (page.next) out["nextCursor"] = protocol::encode_journal_cursor(*page.next);
    return json_response(200, out);
}

std::string csv_header() {
    core::csv_writer out;
    for (auto const* column : {"Time", "Actor token", "Actor label", "Action", "Target type", "Target", "Account",
                               "Status", "Error", "Detail", "Changes", "Request", "Request id"}) {
        out.value(column);
    }
    return out.end_record().take();
}

// One entry, one record. Labels, targets, details and the JSON of the changes and the request
// hold text that admins, users and identity providers control: defused as text. Times, ids,
// actions, statuses and request ids are scimd's own.
void write_entry(core::csv_writer& out, store::journal_entry const& e) {
    auto const& r = e.record;
    out.value(e.time)
        .value(e.admin_token_id.value_or(""))
        .text(e.admin_token_label.value_or(""))
        .value(r.action.value_or(""))
        .value(r.resource_type)
        .text(r.resource_id.value_or(""))
        .value(r.account_id.value_or(""))
        .value(std::to_string(r.status))
        .value(r.error.value_or(""))
        .text(r.detail.value_or(""))
        .text(r.diff.empty() ? "" : json::serialize(r.diff))
        .text(r.request.is_null() ? "" : json::serialize(r.request))
        .value(r.request_id)
        .end_record();
}

http::response export_csv(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto opened =
        std::make_shared<service::audit_export>(service::open_audit_export(ctx, call.request, read_filter(call)));
    return csv_response("audit.csv", batches(opened, csv_header(), write_entry));
}

}  // namespace

void add_audit_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}";
    routes.add("GET", base + "/audit", bind(ctx, list));
    routes.add("GET", base + "/exports/audit", bind(ctx, export_csv));
}

}  // namespace scim::admin
