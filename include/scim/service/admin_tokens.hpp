#pragma once
// The organization's admin tokens through the admin API (docs/admin-api.md "Admin tokens"):
// listed without secrets, minted with a label and an optional expiry (the token shown once),
// revoked. `scimd admin-token` mints the first one (operations.hpp). Every mint and revocation
// is audited with the token that made it.

#include <optional>
#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/admin_tokens.hpp"

namespace scim::service {

struct admin_token_list {
    std::vector<store::admin_token_info> tokens;  // newest first
    std::string current;                          // the id of the token that asked
};
admin_token_list list_admin_tokens(context const& ctx, admin_request const& req);

// A new token labelled `label` (checked by the caller against the label rule), expiring at
// `expires` (RFC 3339) when given; core::error(invalid_value) when `expires` is not in the future.
store::minted_admin_token mint_admin_token(context const& ctx, admin_request const& req, std::string const& label,
                                           std::optional<std::string> const& expires);

// Revokes the organization's token `token_id`; revoking a revoked token changes nothing.
// core::error(not_found) for a token the organization does not have; core::error(conflict) for
// its last usable token, the one the organization's admins could not do without (another is
// minted first). The token that asks may revoke itself while another is usable.
void revoke_admin_token(context const& ctx, admin_request const& req, std::string const& token_id);

}  // namespace scim::service
