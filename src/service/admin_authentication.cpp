#include "admin_authentication.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/admin_tokens.hpp"

namespace scim::service {

namespace {

[[noreturn]] void refuse() {
    throw core::error(core::error_type::unauthorized, "a valid admin token for this organization is required");
}

// The usable token the header presents, whose secret matches; refused otherwise, the same way
// for every failure.
store::admin_token_secret presented_token(store::session& s, std::string const& authorization) {
    auto const presented = core::read_bearer(authorization, core::admin_token_prefix);
    if (!presented) refuse();
    // Revoked and expired tokens are not found, like unknown ones: the comparison that follows
    // costs the same for all of them (core::token_matches).
    auto row = store::find_usable_admin_token(s, presented->id);
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored)) refuse();
    return std::move(*row);
}

// "lastUsed" to the minute: at most one write a minute per token.
void note_use(store::session& s, store::admin_token_secret const& row) {
    if (row.last_use_stale) store::note_admin_token_use(s, row.id);
}

}  // namespace

admin_caller authenticate_admin_token(store::session& s, std::string const& authorization) {
    auto const row = presented_token(s, authorization);
    note_use(s, row);
    return {row.id, row.organization_id};
}

std::string authenticate_admin(store::session& s, admin_request const& req) {
    auto const row = presented_token(s, req.authorization);
    if (row.organization_id != req.organization_id) refuse();
    note_use(s, row);
    return row.id;
}

}  // namespace scim::service
