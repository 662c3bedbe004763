// GET /metrics (docs/metrics.md): the Prometheus text exposition, to an organization's admin
// token (Prometheus' `authorization` setting), errors in the admin API's shape.

#include <string>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/admin/routes.hpp"
#include "scim/core/metrics.hpp"
#include "scim/service/metrics.hpp"

namespace scim::admin {
namespace {

http::response scrape(service::context const& ctx, http::request const& req, http::route_params const&) {
    http::response res;
    res.body = service::scrape_metrics(ctx, std::string(req.header("authorization")));
    res.set_header("Content-Type", std::string(core::metrics::content_type));
    res.set_header("Cache-Control", "no-store");
    return res;
}

}  // namespace

void add_metrics_routes(http::router& routes, service::context const& ctx) {
    routes.errors_under("/metrics", render_error);
    routes.add("GET", "/metrics", bind(ctx, scrape));
}

}  // namespace scim::admin
