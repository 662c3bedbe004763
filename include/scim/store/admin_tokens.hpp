#pragma once
// An organization's admin tokens (schemas/sql/007_admin_tokens.sql, 020_admin_audit.sql;
// docs/admin-api.md "Admin tokens"): `scimdadmin_<16 hex id>_<secret>`, of which only
// SHA-256(secret) is stored, with a label, an optional expiry and the time of their last use.
// A token is usable while it is neither revoked nor expired.

#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

// What authentication needs of a usable token.
struct admin_token_secret {
    std::string id;
    std::string organization_id;
    std::string secret_hash;  // raw 32-byte SHA-256 digest
    // Its last use was recorded more than a minute ago, or never (note_admin_token_use).
    bool last_use_stale = false;
};

// A token as the admin API lists it: never its secret.
struct admin_token_info {
    std::string id;
    std::string label;
    std::string created;                   // RFC 3339
    std::optional<std::string> expires;    // RFC 3339; none: never
    std::optional<std::string> last_used;  // RFC 3339, to the minute
    std::optional<std::string> revoked;    // RFC 3339
    bool usable = false;                   // neither revoked nor expired
};

struct minted_admin_token {
    std::string organization_id;
    admin_token_info info;
    std::string token;  // shown once, never stored
};

// A new token of the organization labelled `label`, expiring at `expires` (an RFC 3339
// date-time) when given; nothing when `expires` is not in the future.
std::optional<minted_admin_token> mint_admin_token(session& s, std::string const& organization_id,
                                                   std::string const& label, std::optional<std::string> const& expires);

// The usable token `token_id`, or nothing (unknown, revoked and expired alike).
std::optional<admin_token_secret> find_usable_admin_token(session& s, std::string const& token_id);

// Records that the token was used now (call when its last use is stale).
void note_admin_token_use(session& s, std::string const& token_id);

// The organization's tokens, newest first; `for_update` locks them all, so that two
// revocations cannot each see the other's token as the one left.
std::vector<admin_token_info> list_admin_tokens(session& s, std::string const& organization_id,
                                                bool for_update = false);

// Revokes the organization's token `token_id` (already revoked: left as it was); answers the
// token as it is now, or nothing when the organization has no such token.
std::optional<admin_token_info> revoke_admin_token(session& s, std::string const& organization_id,
                                                   std::string const& token_id);

}  // namespace scim::store
