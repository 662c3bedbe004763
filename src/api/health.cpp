#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"

namespace scim::api {
namespace {

http::response plain_json(int status, std::string body) {
    http::response res;
    res.status = status;
    res.set_header("Content-Type", "application/json");
    res.set_header("Cache-Control", "no-store");
    res.body = std::move(body);
    return res;
}

}  // namespace

void add_health_routes(http::router& routes, context& ctx) {
    // Liveness: the process answers. Cheap by design; it is the bench's ceiling.
    routes.add("GET", "/healthz", [](http::request const&, http::route_params const&) {
        return plain_json(200, R"({"status":"ok"})");
    });
    // Readiness: the database answers too.
    routes.add("GET", "/readyz", [&ctx](http::request const&, http::route_params const&) {
        if (!ctx.db.ping()) {
            throw core::error(core::error_type::service_unavailable, "the database is unavailable").retry_after(5);
        }
        return plain_json(200, R"({"status":"ready"})");
    });
}

}  // namespace scim::api
