#include "admin_authentication.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {

std::string authenticate_admin(store::session& s, admin_request const& req) {
    auto refuse = [] {
        throw core::error(core::error_type::unauthorized, "a valid admin token for this organization is required");
    };
    auto const presented = core::read_bearer(req.authorization, core::admin_token_prefix);
    if (!presented) refuse();
    auto const row = store::find_active_admin_token(s, presented->id);
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored) || row->organization_id != req.organization_id) refuse();
    return row->id;
}

}  // namespace scim::service
