#include "scim/service/directory_access.hpp"

#include "directory_authentication.hpp"
#include "scim/store/database.hpp"

namespace scim::service {

void check_directory_access(context const& ctx, scim_request const& req) {
    ctx.db.acquire().read([&](store::session& s) { authenticate_directory(ctx, s, req); });
}

bool database_ready(context const& ctx) noexcept { return ctx.db.ping(); }

}  // namespace scim::service
