// Sign-ins, devices and two-step enrolment through the admin API (service/devices.hpp,
// docs/login-hook.md): the login service's hook (report a sign-in, report two-step enrolment,
// read the sign-outs) and the admins' side (an account's recently used devices, sign one out).

#include <algorithm>

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/config.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/sign_ins.hpp"
#include "scim/protocol/date_time.hpp"
#include "scim/service/devices.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object device_json(store::device_row const& d) {
    json::object o{{"id", d.id}, {"deviceId", d.device_id}};
    put_optional(o, "userAgent", d.user_agent);
    o["lastAddress"] = d.last_address;
    o["firstSignIn"] = d.first_sign_in;
    o["lastSignIn"] = d.last_sign_in;
    o["signIns"] = d.sign_ins;
    put_optional(o, "signedOutAt", d.signed_out_at);
    return o;
}

json::object two_step_json(service::two_step_status const& t) {
    json::object o{{"enrolled", t.enrolled}};
    put_optional(o, "excludedUntil", t.excluded_until);
    o["required"] = t.required;
    return o;
}

[[noreturn]] void invalid(std::string const& detail) { throw core::error(core::error_type::invalid_value, detail); }

std::string string_field(json::object const& body, char const* name) {
    auto const* value = body.if_contains(name);
    if (!value || !value->is_string()) invalid("\"" + std::string(name) + "\" must be a string");
    return std::string(value->as_string());
}

// {"deviceId": "…", "address": "203.0.113.7", "userAgent": "…", "time": "<RFC 3339>"}: the
// first two required. Every value is bounded (docs/login-hook.md "Reporting a sign-in"),
// and no error quotes one: they are personal data.
store::sign_in sign_in_of(json::object const& body) {
    for (auto const& m : body) {
        auto const key = m.key();
        if (key != "deviceId" && key != "address" && key != "userAgent" && key != "time")
            invalid("\"" + checked_text("field name", key, label_rule) + "\" is not a field of a sign-in");
    }
    store::sign_in report;
    report.device_id = string_field(body, "deviceId");
    if (!domain::is_device_id(report.device_id)) {
        invalid("\"deviceId\" must be 1 to " + std::to_string(core::device_limits::device_id_bytes) +
                " printable ASCII characters without spaces");
    }
    auto const address = domain::canonical_address(string_field(body, "address"));
    if (!address) invalid("\"address\" must be an IPv4 or IPv6 address");
    report.address = *address;
    if (auto const* agent = body.if_contains("userAgent"); agent && !agent->is_null()) {
        if (!agent->is_string()) invalid("\"userAgent\" must be a string or null");
        report.user_agent = checked_text("userAgent", agent->as_string(), {core::device_limits::user_agent_bytes});
    }
    if (auto const* time = body.if_contains("time"); time && !time->is_null()) {
        if (!time->is_string() || !protocol::is_rfc3339_date_time(time->as_string()))
            invalid("\"time\" must be an RFC 3339 date-time such as \"2026-12-31T23:59:59Z\", or null");
        report.time = std::string(time->as_string());
    }
    return report;
}

// The login service's report of a sign-in: 200 with the device and what the account's next
// sign-in needs of two-step verification.
http::response report_sign_in(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const report = sign_in_of(read_json(ctx, req));
    auto const answer = service::report_sign_in(ctx, call.request, p.at("id"), report);
    return json_response(200, json::object{{"device", device_json(answer.device)},
                                           {"twoStepVerification", two_step_json(answer.two_step)}});
}

// The login service's report of two-step enrolment: {"enrolled": true} or {"enrolled": false}.
http::response report_two_step(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    auto const* enrolled = body.if_contains("enrolled");
    if (body.size() != 1 || !enrolled || !enrolled->is_bool())
        invalid("the body must be {\"enrolled\": true or false}");
    auto const status = service::report_two_step_enrolment(ctx, call.request, p.at("id"), enrolled->as_bool());
    return json_response(200, two_step_json(status));
}

// ?cursor=<the previous answer's cursor>&count=N: the sign-outs the login service enforces.
http::response read_sign_outs(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    std::optional<domain::sign_out_cursor> after;
    if (auto const cursor = call.parameter("cursor")) {
        after = domain::parse_sign_out_cursor(*cursor);
        if (!after) invalid("\"cursor\" must be the cursor of an earlier answer");
    }
    auto const count = read_page(ctx, call).count;
    auto const page =
        service::read_sign_outs(ctx, call.request, after, static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
    json::array sign_outs;
    for (auto const& e : page.sign_outs) {
        sign_outs.push_back(json::object{{"accountId", e.account_id},
                                         {"device", e.device},
                                         {"deviceId", e.device_id},
                                         {"signedOutAt", e.signed_out_at}});
    }
    return json_response(
        200, json::object{
                 {"signOuts", std::move(sign_outs)}, {"cursor", domain::to_string(page.next)}, {"more", page.more}});
}

http::response list_devices(service::context const& ctx, http::request const& req, http::route_params const& p) {
    json::array devices;
    for (auto const& d : service::list_devices(ctx, admin_call_of(req, p).request, p.at("id")))
        devices.push_back(device_json(d));
    return json_response(200, json::object{{"devices", std::move(devices)}});
}

// The seed's "administer recently used devices": the login service ends the device's sessions.
http::response sign_out(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const device = service::sign_out_device(ctx, admin_call_of(req, p).request, p.at("id"), p.at("device"));
    return json_response(200, device_json(device));
}

}  // namespace

void add_device_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}";
    routes.add("POST", base + "/accounts/{id}/sign-ins", bind(ctx, report_sign_in));
    routes.add("PUT", base + "/accounts/{id}/two-step-verification", bind(ctx, report_two_step));
    routes.add("GET", base + "/device-sign-outs", bind(ctx, read_sign_outs));
    routes.add("GET", base + "/accounts/{id}/devices", bind(ctx, list_devices));
    routes.add("POST", base + "/accounts/{id}/devices/{device}/sign-out", bind(ctx, sign_out));
}

}  // namespace scim::admin
