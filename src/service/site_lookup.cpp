#include "site_lookup.hpp"

#include "scim/core/error.hpp"

namespace scim::service {

store::site_row require_site(store::session& s, admin_request const& req, std::string const& site_id, bool for_update) {
    auto found = store::find_site(s, req.organization_id, site_id, for_update);
    if (!found) throw core::error(core::error_type::not_found, "no site " + site_id + " in this organization");
    return std::move(*found);
}

}  // namespace scim::service
