// One directory, and its rate limit, through the admin API (service/directory_rate_limits.hpp,
// docs/rate-limits.md): GET /directories/{id} and PATCH /directories/{id} {"rateLimit": …}.

#include <cmath>
#include <string>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "directory_json.hpp"
#include "scim/core/error.hpp"
#include "scim/service/directory_rate_limits.hpp"

namespace scim::admin {

namespace json = boost::json;

json::object rate_limit_json(store::directory_rate_limit const& own, core::rate_limit_settings const& defaults) {
    json::object out{{"source", own.source}, {"requestsPerSecond", nullptr}, {"burst", nullptr}};
    if (auto const limit = service::effective_rate_limit(defaults, own)) {
        out["requestsPerSecond"] = limit->per_second;
        out["burst"] = limit->burst;
    }
    return out;
}

namespace {

[[noreturn]] void refuse(std::string detail) { throw core::error(core::error_type::invalid_value, std::move(detail)); }

constexpr char const* shape =
    "\"rateLimit\" must be {\"requestsPerSecond\": 0.01 to 100000, \"burst\": 1 to 1000000}, "
    "null (the server's default) or \"off\"";

// docs/admin-api.md "Directories": the three shapes of "rateLimit".
store::directory_rate_limit read_rate_limit(json::value const& v) {
    using bounds = core::rate_limit_settings;
    if (v.is_null()) return {"default", 0, 0};
    if (v.is_string() && v.as_string() == "off") return {"off", 0, 0};
    if (!v.is_object()) refuse(shape);
    auto const& o = v.as_object();
    for (auto const& [name, value] : o) {
        if (name != "requestsPerSecond" && name != "burst")
            refuse(shape + std::string(": unknown member \"") + std::string(name) + "\"");
    }
    auto const* rate = o.if_contains("requestsPerSecond");
    auto const* burst = o.if_contains("burst");
    if (!rate || !burst) refuse(shape);
    if (!rate->is_number()) refuse("\"requestsPerSecond\" must be a number from 0.01 to 100000");
    double const per_second = rate->to_number<double>();
    if (!std::isfinite(per_second) || per_second < bounds::min_per_second || per_second > bounds::max_per_second) {
        refuse("\"requestsPerSecond\" must be a number from 0.01 to 100000");
    }
    std::int64_t size = 0;
    if (burst->is_int64()) {
        size = burst->as_int64();
    } else if (burst->is_uint64()) {
        size = static_cast<std::int64_t>(std::min<std::uint64_t>(burst->as_uint64(), bounds::max_burst + 1));
    } else {
        refuse("\"burst\" must be a whole number from 1 to 1000000");
    }
    if (size < 1 || size > static_cast<std::int64_t>(bounds::max_burst)) {
        refuse("\"burst\" must be a whole number from 1 to 1000000");
    }
    return {"directory", per_second, size};
}

json::object detail_json(service::context const& ctx, service::directory_detail const& d) {
    auto out = directory_json(d.view, ctx.config.rate_limits);
    json::object refusals{{"count", d.refusals.count}};
    put_optional(refusals, "last", d.refusals.last);
    out["rateLimitRefusals"] = std::move(refusals);
    return out;
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200, detail_json(ctx, service::get_directory(ctx, admin_call_of(req, p).request, p.at("id"))));
}

// {"rateLimit": {"requestsPerSecond": 5, "burst": 20}} | {"rateLimit": null} | {"rateLimit": "off"}
http::response change(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    for (auto const& [name, value] : body) {
        if (name != "rateLimit") refuse("only \"rateLimit\" can be changed; \"" + std::string(name) + "\" cannot");
    }
    auto const* limit = body.if_contains("rateLimit");
    if (!limit) refuse(shape);
    auto const changed = service::set_directory_rate_limit(ctx, call.request, p.at("id"), read_rate_limit(*limit));
    return json_response(200, detail_json(ctx, changed));
}

}  // namespace

void add_directory_rate_limit_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/directories/{id}";
    routes.add("GET", base, bind(ctx, show));
    routes.add("PATCH", base, bind(ctx, change));
}

}  // namespace scim::admin
