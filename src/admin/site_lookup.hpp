#pragma once
// The site named in an admin URL, shared by the sites and site users endpoints.

#include <string>

#include "scim/store/sites.hpp"

namespace soci {
class session;
}

namespace scim::admin {

// The organization's site; core::error(not_found) for one that does not exist or is another
// organization's. `for_update` locks it (its products stay as read).
store::site_row require_site(soci::session& s, std::string const& organization, std::string const& site, bool for_update);

}  // namespace scim::admin
