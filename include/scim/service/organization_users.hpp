#pragma once
// The organization's Users page through the admin API (the seed's "Users page", DOMAIN.md
// "site membership"): every account on its sites, once each, filtered by status and by site,
// with the counts per status, each user's memberships, product access and groups.

#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/organization_users.hpp"

namespace scim::service {

// One page of the Users page. `query.site_ids` name sites of the organization (a repeated one
// counts once; core::error(not_found) for one that is not the organization's); none: all its
// sites.
store::organization_user_page list_organization_users(context const& ctx, admin_request const& req,
                                                      store::organization_users_query query);

}  // namespace scim::service
