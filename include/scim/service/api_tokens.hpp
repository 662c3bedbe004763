#pragma once
// An account's API tokens (DOMAIN.md entity "API token"; the seed: "you can revoke a user's API
// tokens"): the managing organization's admins list them without any secret and revoke them
// one by one. Users create their tokens themselves; operators and tests use `scimd api-token`
// (docs/command-line.md, service/operations.hpp).

#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/api_tokens.hpp"

namespace scim::service {

// The account's tokens, newest first; only for the managing organization.
std::vector<store::api_token_row> list_api_tokens(context const& ctx, admin_request const& req,
                                                  std::string const& account_id);

// Idempotent: revoking a revoked token succeeds again. core::error(not_found) when the account
// has no such token.
void revoke_api_token(context const& ctx, admin_request const& req, std::string const& account_id,
                      std::string const& token_id);

}  // namespace scim::service
