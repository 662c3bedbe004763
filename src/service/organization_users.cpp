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
        // One snapshot: the counts and the page agree.
        lease.read([&](store::session& s) {
            for (auto& site_id : query.site_ids) site_id = require_site(s, req, site_id, false).id;
            out = store::list_organization_users(s, req.organization_id, query);
        });
        return out;
    });
}

}  // namespace scim::service
