#pragma once
// Each file of the admin API adds its routes; routes.cpp calls these once each.

#include "scim/http/router.hpp"
#include "scim/service/context.hpp"

namespace scim::admin {

// /domains: add, list, verify (DNS TXT), remove.
void add_domain_routes(http::router& routes, service::context const& ctx);
// /managed-accounts (list, summary) and /accounts/{id} (detail, profile edits, lifecycle,
// two-step exclusion, password reset).
void add_account_routes(http::router& routes, service::context const& ctx);
// /accounts/{id}/email (change, resend, cancel), /accounts/{id}/address-verification, /outbox,
// and the unauthenticated POST /email-verifications/{token} that confirms a change.
void add_email_change_routes(http::router& routes, service::context const& ctx);
// /accounts/{id}/api-tokens: list and revoke.
void add_api_token_routes(http::router& routes, service::context const& ctx);
// /groups: the organization's groups of both kinds, their members and product grants.
void add_group_routes(http::router& routes, service::context const& ctx);
// /directories: create, list, tokens, pause and resume.
void add_directory_routes(http::router& routes, service::context const& ctx);
// /directories/{id}: one directory with its rate limit and recent refusals; PATCH its rate limit.
void add_directory_rate_limit_routes(http::router& routes, service::context const& ctx);
// /directories/{id}/health: what the journal says of the directory's recent pushes.
void add_directory_health_routes(http::router& routes, service::context const& ctx);
// /sites: create, list, show, rename, delete, offer and withdraw products.
void add_site_routes(http::router& routes, service::context const& ctx);
// /sites/{site}/users: invite, list, show, suspend, restore, activity, remove, product access;
// /users: the organization's Users page over all its sites.
void add_site_user_routes(http::router& routes, service::context const& ctx);
// /journal: the provisioning journal, filtered and paged.
void add_journal_routes(http::router& routes, service::context const& ctx);
// /policies: authentication policies and the policy of a managed account.
void add_policy_routes(http::router& routes, service::context const& ctx);
// /exports/...: the managed accounts and site users CSV exports, streamed.
void add_export_routes(http::router& routes, service::context const& ctx);
// /admin-tokens: the organization's admin tokens, listed, minted and revoked.
void add_admin_token_routes(http::router& routes, service::context const& ctx);
// /audit and /exports/audit: the admins' own writes, filtered and paged, or as CSV.
void add_audit_routes(http::router& routes, service::context const& ctx);
// The login service's hook (/accounts/{id}/sign-ins, /accounts/{id}/two-step-verification,
// /device-sign-outs) and an account's devices (/accounts/{id}/devices: list, sign out).
void add_device_routes(http::router& routes, service::context const& ctx);
// GET and HEAD /console/...: the admin console's files, and / and /console redirecting to it.
void add_console_asset_routes(http::router& routes);
// /console/session: sign in with an admin token (POST), the session (GET), sign out (DELETE).
void add_console_session_routes(http::router& routes, service::context const& ctx);
// GET /metrics: the Prometheus exposition, to an organization's admin token.
void add_metrics_routes(http::router& routes, service::context const& ctx);

}  // namespace scim::admin
