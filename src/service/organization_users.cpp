#include "scim/service/organization_users.hpp"

#include <algorithm>

#include "admin_authentication.hpp"
#include "site_lookup.hpp"

namespace scim::service {

store::organization_user_page list_organization_users(context const& ctx, admin_request const& req,
                                                      store::organization_users_query query) {
    std::sort(query.site_ids.begin(), query.site_ids.end());
    query.site_ids.erase(std::unique(query.site_ids.begin(), query.site_ids.end()), query.site_ids.end());
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        store::organization_user_page out;
        // The console's Next asks for the page after one the server served: it starts where
        // that page ended while no user of the page's scope was written since (listing_memory.hpp).
        std::string fingerprint = req.organization_id + "\nUsers\n";
        for (auto const& site_id : query.site_ids) fingerprint += site_id + ",";
        fingerprint += "\n" + (query.status ? std::string(domain::to_string(*query.status)) : std::string());
        if (query.offset > 0) query.resume = ctx.listings.find_end(fingerprint, query.offset);
        lease.read([&](store::session& s) {
            for (auto& site_id : query.site_ids) site_id = require_site(s, req, site_id, false).id;
            out = store::list_organization_users(s, req.organization_id, query);
        });
        ctx.listings.remember_page(fingerprint, false, out.stamp, out.total,
                                   query.offset + static_cast<std::int64_t>(out.users.size()), out.next_after);
        return out;
    });
}

}  // namespace scim::service
