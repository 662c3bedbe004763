#include "scim/service/api_tokens.hpp"

#include "account_lookup.hpp"
#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"

namespace scim::service {

std::vector<store::api_token_row> list_api_tokens(context const& ctx, admin_request const& req,
                                                  std::string const& account_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        std::vector<store::api_token_row> tokens;
        lease.read([&](store::session& s) {
            auto const a = visible_account(s, req.organization_id, account_id);
            domain::require_managed(a.type, "see the API tokens");
            tokens = store::list_api_tokens(s, a.id);
        });
        return tokens;
    });
}

void revoke_api_token(context const& ctx, admin_request const& req, std::string const& account_id,
                      std::string const& token_id) {
    audited_admin_write(ctx, req, {"account.api-token.revoke", "ApiToken", 204}, token_id, [&](admin_write& write) {
        write.account(account_id);
        write.transact([&](store::session& s) {
            auto const a = locked_account(s, req.organization_id, account_id);
            domain::require_managed(a.type, "revoke the API tokens");
            std::optional<std::string> revoked_before;
            for (auto const& t : store::list_api_tokens(s, a.id)) {
                if (t.id == token_id) revoked_before = t.revoked;
            }
            if (!store::revoke_api_token(s, a.id, token_id)) {
                throw core::error(core::error_type::not_found, "this account has no API token " + token_id);
            }
            // Revoking a revoked token changes nothing.
            if (!revoked_before) write.changed("revoked", false, true);
        });
    });
}

}  // namespace scim::service
