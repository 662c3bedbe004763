#include "scim/service/exports.hpp"

#include <atomic>

#include "admin_authentication.hpp"
#include "scim/core/error.hpp"
#include "scim/core/server_metrics.hpp"

namespace scim::service {
namespace {

// The exports running in this process: --max-concurrent-exports is a limit per scimd.
std::atomic<std::size_t> running_exports{0};

}  // namespace

export_slot::export_slot(std::size_t limit) {
    if (running_exports.fetch_add(1) >= limit) {
        running_exports.fetch_sub(1);
        throw core::error(core::error_type::service_unavailable, "too many exports are running; try again shortly")
            .retry_after(10);
    }
    core::metrics::exports_running().add({}, 1);
}

export_slot::~export_slot() {
    if (!held_) return;
    running_exports.fetch_sub(1);
    try {
        core::metrics::exports_running().add({}, -1);
    } catch (...) {
        // The gauge misses one move; a destructor must not throw.
    }
}

export_slot::export_slot(export_slot&& other) noexcept : held_(std::exchange(other.held_, false)) {}

managed_accounts_export open_managed_accounts_export(context const& ctx, admin_request const& req) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        export_slot slot(ctx.config.max_concurrent_exports);
        // The export keeps the connection the token was checked on.
        auto reader = store::managed_accounts_export::open(std::move(lease), req.organization_id);
        if (!reader) throw core::error(core::error_type::not_found, "no such organization");
        return managed_accounts_export(std::move(slot), std::move(reader));
    });
}

site_users_export open_site_users_export(context const& ctx, admin_request const& req,
                                         std::vector<std::string> const& site_ids) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        export_slot slot(ctx.config.max_concurrent_exports);
        auto reader = store::site_users_export::open(std::move(lease), req.organization_id, site_ids);
        if (!reader) {
            throw core::error(core::error_type::not_found, site_ids.size() == 1
                                                               ? "no site " + site_ids.front() + " in this organization"
                                                               : "a site named is not one of this organization's");
        }
        return site_users_export(std::move(slot), std::move(reader));
    });
}

}  // namespace scim::service
