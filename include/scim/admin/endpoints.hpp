#pragma once
// The admin API (docs/admin-api.md): JSON endpoints under /admin/organizations/{organization},
// authenticated with the organization's admin tokens. Each file adds its routes; main.cpp calls
// these once each.

#include <string>

#include "scim/admin/context.hpp"
#include "scim/http/router.hpp"

namespace soci {
class session;
}

namespace scim::admin {

// Creates an admin token for the organization and returns it; it is shown once, never stored.
std::string issue_admin_token(soci::session& s, std::string const& organization_id);

// /admin/organizations/{organization}/domains: add, list, verify (DNS TXT), remove.
void add_domain_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/managed-accounts (list, summary) and /accounts/{id}
// (detail, profile edits, lifecycle, two-step exclusion, password reset).
void add_account_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/accounts/{id}/email (change, resend, cancel), /outbox
// (the verification messages, without secrets) and the unauthenticated
// POST /email-verifications/{token} that confirms a change.
void add_email_change_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/accounts/{id}/api-tokens: list and revoke.
void add_api_token_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/groups: the organization's groups of both kinds; create,
// rename and delete admin-kept ones and their account members; product grants of any group.
void add_group_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/directories: create (with a first token), list, issue
// and revoke tokens, pause and resume provisioning.
void add_directory_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/sites: create, list, show, offer and withdraw products.
void add_site_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/sites/{site}/users: invite, list, show, suspend, restore,
// record activity, remove, grant and revoke product access.
void add_site_user_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/journal: the provisioning journal, filtered and paged.
void add_journal_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/policies: authentication policies (create, list, show,
// edit) and the policy of a managed account.
void add_policy_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/exports/...: the managed accounts and site users CSV
// exports, streamed.
void add_export_routes(http::router& routes, context& ctx);

}  // namespace scim::admin
