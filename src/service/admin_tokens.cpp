#include "scim/service/admin_tokens.hpp"

#include <algorithm>

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "audit_fields.hpp"
#include "scim/core/error.hpp"

namespace scim::service {

admin_token_list list_admin_tokens(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const& admin_token_id) {
        admin_token_list out;
        out.current = admin_token_id;
        lease.read([&](store::session& s) { out.tokens = store::list_admin_tokens(s, req.organization_id); });
        return out;
    });
}

store::minted_admin_token mint_admin_token(context const& ctx, admin_request const& req, std::string const& label,
                                           std::optional<std::string> const& expires) {
    admin_action const audited{"admin-token.mint", "AdminToken", 201};
    return audited_admin_write(ctx, req, audited, std::nullopt, [&](admin_write& write) {
        store::minted_admin_token out;
        write.transact([&](store::session& s) {
            auto minted = store::mint_admin_token(s, req.organization_id, label, expires);
            if (!minted) {
                throw core::error(core::error_type::invalid_value,
                                  "\"expires\" must lie in the future; leave it out for a token that never expires");
            }
            // By its id and label: the secret is shown once, to the admin, and nowhere else.
            write.target(minted->info.id);
            write.compare({}, audit_fields(minted->info));
            out = std::move(*minted);
        });
        return out;
    });
}

void revoke_admin_token(context const& ctx, admin_request const& req, std::string const& token_id) {
    audited_admin_write(ctx, req, {"admin-token.revoke", "AdminToken", 204}, token_id, [&](admin_write& write) {
        write.transact([&](store::session& s) {
            // Every token of the organization locked: two revocations at once cannot each leave
            // the other's token as the last one, and then none.
            auto const tokens = store::list_admin_tokens(s, req.organization_id, true);
            auto const target =
                std::find_if(tokens.begin(), tokens.end(), [&](auto const& t) { return t.id == token_id; });
            if (target == tokens.end()) {
                throw core::error(core::error_type::not_found, "this organization has no admin token " + token_id);
            }
            auto const usable = std::count_if(tokens.begin(), tokens.end(), [](auto const& t) { return t.usable; });
            if (target->usable && usable == 1) {
                throw core::error(core::error_type::conflict,
                                  "this is the organization's last usable admin token: without it no one could use "
                                  "the admin API; mint another one first");
            }
            // Locked above: it is still there.
            auto const revoked = store::revoke_admin_token(s, req.organization_id, token_id).value_or(*target);
            write.compare(audit_fields(*target), audit_fields(revoked));
        });
    });
}

}  // namespace scim::service
