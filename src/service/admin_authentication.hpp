#pragma once
// The organization's admin tokens (`scimdadmin_<16 hex id>_<secret>`, core/bearer_tokens.hpp),
// checked on the connection an admin use case then works on.

#include <string>
#include <utility>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/database.hpp"

namespace scim::service {

// The request's bearer token must be a usable (neither revoked nor expired) admin token of its
// organization; otherwise core::error(unauthorized), the same for every failure. Answers the
// token's id, which names the admin in the audit (admin_write.hpp).
std::string authenticate_admin(store::session& s, admin_request const& req);

// The admin token an `Authorization` header presents, of whichever organization, as
// authenticate_admin checks it.
struct admin_caller {
    std::string token_id;
    std::string organization_id;
};
admin_caller authenticate_admin_token(store::session& s, std::string const& authorization);

// Runs an admin use case on one connection: the token checked first (its own statement,
// outside any transaction), then `work(lease, admin_token_id)`, which runs its transaction on
// the same lease.
template <typename Work>
auto as_admin(context const& ctx, admin_request const& req, Work const& work) {
    auto lease = ctx.db.acquire();
    std::string admin_token_id;
    lease.read([&](store::session& s) { admin_token_id = authenticate_admin(s, req); });
    return work(lease, std::as_const(admin_token_id));
}

}  // namespace scim::service
