// The probes: GET /healthz (the process answers) and GET /readyz (the database answers too, and
// the process is not shutting down), without authentication.

#include "api_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/service/directory_access.hpp"
#include "scim_call.hpp"

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

// Cheap by design: it is the benchmarks' ceiling.
http::response healthz(service::context const&, http::request const&, http::route_params const&) {
    return plain_json(200, R"({"status":"ok"})");
}

http::response readyz(service::context const& ctx, http::request const&, http::route_params const&) {
    // Shutting down: load balancers take this replica out while it still serves (core/readiness.hpp).
    if (ctx.readiness.withdrawn()) {
        throw core::error(core::error_type::service_unavailable, "the server is shutting down").retry_after(5);
    }
    if (!service::database_ready(ctx)) {
        throw core::error(core::error_type::service_unavailable, "the database is unavailable").retry_after(5);
    }
    return plain_json(200, R"({"status":"ready"})");
}

}  // namespace

void add_health_routes(http::router& routes, service::context const& ctx) {
    routes.add("GET", "/healthz", bind(ctx, healthz));
    routes.add("GET", "/readyz", bind(ctx, readyz));
}

}  // namespace scim::api
