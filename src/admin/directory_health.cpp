// A directory's health through the admin API (service/directory_health.hpp, docs/admin-api.md
// "Directory health"): GET /directories/{id}/health.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/protocol/normalization_kinds.hpp"
#include "scim/service/directory_health.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object health_json(service::directory_health_view const& v) {
    auto const& h = v.health;
    json::array errors;
    for (auto const& e : h.errors) {
        errors.push_back(json::object{{"status", e.status},
                                      {"scimType", json_or_null(e.scim_type)},
                                      {"detail", json_or_null(e.detail)},
                                      {"count", e.count}});
    }
    json::array normalizations;
    for (auto const& n : h.normalizations) {
        auto const& kind = protocol::normalization_kind_named(n.kind);
        normalizations.push_back(json::object{{"kind", n.kind}, {"description", kind.description}, {"count", n.count}});
    }
    json::object refusals{{"count", v.refusals.count}};
    put_optional(refusals, "last", v.refusals.last);
    return {{"lastPush", json_or_null(h.last_push)},
            {"last24h", json::object{{"requests", h.writes}, {"failures", h.failures}}},
            {"commonErrors", std::move(errors)},
            {"commonNormalizations", std::move(normalizations)},
            {"rateLimitRefusals", std::move(refusals)}};
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const health = service::get_directory_health(ctx, admin_call_of(req, p).request, p.at("id"));
    return json_response(200, health_json(health));
}

}  // namespace

void add_directory_health_routes(http::router& routes, service::context const& ctx) {
    routes.add("GET", "/admin/organizations/{organization}/directories/{id}/health", bind(ctx, show));
}

}  // namespace scim::admin
