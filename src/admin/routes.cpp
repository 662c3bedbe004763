#include "scim/admin/routes.hpp"

#include "admin_routes.hpp"
#include "console_http.hpp"
#include "verification_pages.hpp"

namespace scim::admin {

void add_routes(http::router& routes, service::context const& ctx) {
    routes.errors_under("/admin/", render_error);
    routes.errors_under("/email-verifications/", render_link_error);
    routes.errors_under("/console", render_console_error);
    add_domain_routes(routes, ctx);
    add_account_routes(routes, ctx);
    add_group_routes(routes, ctx);
    add_directory_routes(routes, ctx);
    add_directory_rate_limit_routes(routes, ctx);
    add_directory_health_routes(routes, ctx);
    add_site_routes(routes, ctx);
    add_site_user_routes(routes, ctx);
    add_journal_routes(routes, ctx);
    add_email_change_routes(routes, ctx);
    add_api_token_routes(routes, ctx);
    add_policy_routes(routes, ctx);
    add_export_routes(routes, ctx);
    add_admin_token_routes(routes, ctx);
    add_audit_routes(routes, ctx);
    add_device_routes(routes, ctx);
    add_metrics_routes(routes, ctx);
    add_console_asset_routes(routes);
    add_console_session_routes(routes, ctx);
}

}  // namespace scim::admin
