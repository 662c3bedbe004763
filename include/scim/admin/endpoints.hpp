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

// /admin/organizations/{organization}/groups: the organization's groups of both kinds; create,
// rename and delete admin-kept ones and their account members; product grants of any group.
void add_group_routes(http::router& routes, context& ctx);

// /admin/organizations/{organization}/directories: create (with a first token), list, issue
// and revoke tokens, pause and resume provisioning.
void add_directory_routes(http::router& routes, context& ctx);

}  // namespace scim::admin
