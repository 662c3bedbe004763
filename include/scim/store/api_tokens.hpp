#pragma once
// Accounts' API tokens (DOMAIN.md entity "API token"; schemas/sql/012_email_and_api_tokens.sql):
// created by their owner, listed and revoked by the managing organization's admins. Only
// SHA-256 of a token's secret is stored.

#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct api_token_row {
    std::string id;
    std::string label;
    std::string created;                   // RFC 3339
    std::optional<std::string> last_used;  // RFC 3339
    std::optional<std::string> expires;    // RFC 3339
    std::optional<std::string> revoked;    // RFC 3339
};

struct issued_api_token {
    std::string account_id;
    api_token_row row;
    std::string token;  // shown once, never stored
};

// A new token for the account whose address is `email` (any case; not deleted), expiring after
// `expires_in_days` when given; nothing when there is no such account.
std::optional<issued_api_token> issue_api_token(session& s, std::string const& email, std::string const& label,
                                                std::optional<int> expires_in_days);

// The account's tokens, newest first.
std::vector<api_token_row> list_api_tokens(session& s, std::string const& account_id);

// Revokes the account's token `token_id` (already revoked: left as it was). False when the
// account has no such token.
bool revoke_api_token(session& s, std::string const& account_id, std::string const& token_id);

}  // namespace scim::store
