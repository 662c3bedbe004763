#include "scim/service/exports.hpp"

#include <utility>

#include "admin_authentication.hpp"
#include "scim/core/error.hpp"
#include "scim/core/server_metrics.hpp"

namespace scim::service {
running_export::running_export() { core::metrics::exports_running().add({}, 1); }

running_export::~running_export() {
    if (!counted_) return;
    try {
        core::metrics::exports_running().add({}, -1);
    } catch (...) {
        // The gauge misses one move; a destructor must not throw.
    }
}

running_export::running_export(running_export&& other) noexcept : counted_(std::exchange(other.counted_, false)) {}

managed_accounts_export open_managed_accounts_export(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        // The export keeps the connection the token was checked on.
        auto reader = store::managed_accounts_export::open(std::move(lease), req.organization_id,
                                                           ctx.config.max_concurrent_exports);
        if (!reader) throw core::error(core::error_type::not_found, "no such organization");
        return managed_accounts_export(std::move(reader));
    });
}

site_users_export open_site_users_export(context const& ctx, admin_request const& req,
                                         std::vector<std::string> const& site_ids) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        auto reader = store::site_users_export::open(std::move(lease), req.organization_id, site_ids,
                                                     ctx.config.max_concurrent_exports);
        if (!reader) {
            throw core::error(core::error_type::not_found, site_ids.size() == 1
                                                               ? "no site " + site_ids.front() + " in this organization"
                                                               : "a site named is not one of this organization's");
        }
        return site_users_export(std::move(reader));
    });
}

}  // namespace scim::service
