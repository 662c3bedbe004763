#include "scim/service/directory_health.hpp"

#include "admin_authentication.hpp"
#include "scim/core/error.hpp"
#include "scim/service/directory_rate_limits.hpp"
#include "scim/store/tenants.hpp"

namespace scim::service {

directory_health_view get_directory_health(context const& ctx, admin_request const& req,
                                           std::string const& directory_id) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        directory_health_view out;
        lease.read([&](store::session& s) {
            auto const d = store::find_directory(s, directory_id);
            if (!d || d->organization_id != req.organization_id) {
                throw core::error(core::error_type::not_found, "this organization has no directory " + directory_id);
            }
            out.health = store::read_directory_health(s, d->id, directory_health_top);
            out.refusals = recent_refusals(ctx, s, d->id);
        });
        return out;
    });
}

}  // namespace scim::service
