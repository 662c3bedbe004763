#pragma once
// The site named in an admin URL, shared by the use cases of sites and of their users.

#include <string>

#include "scim/service/admin_request.hpp"
#include "scim/store/sites.hpp"

namespace scim::service {

// The request's organization's site; core::error(not_found) for one that does not exist or is
// another organization's. `for_update` locks it (its products stay as read).
store::site_row require_site(store::session& s, admin_request const& req, std::string const& site_id, bool for_update);

}  // namespace scim::service
