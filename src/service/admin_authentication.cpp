#include "admin_authentication.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/admin_tokens.hpp"

namespace scim::service {

std::string authenticate_admin(store::session& s, admin_request const& req) {
    auto refuse = [] {
        throw core::error(core::error_type::unauthorized, "a valid admin token for this organization is required");
    };
    auto const presented = core::read_bearer(req.authorization, core::admin_token_prefix);
    if (!presented) refuse();
    // Revoked and expired tokens are not found, like unknown ones: the comparison that follows
    // costs the same for all of them (core::token_matches).
    auto const row = store::find_usable_admin_token(s, presented->id);
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored) || row->organization_id != req.organization_id) refuse();
    // "lastUsed" to the minute: at most one write a minute per token.
    if (row->last_use_stale) store::note_admin_token_use(s, row->id);
    return row->id;
}

}  // namespace scim::service
