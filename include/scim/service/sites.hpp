#pragma once
// Sites through the admin API (DOMAIN.md "site"): create one with the products it offers, list
// and show them, offer another product or stop offering one. Names, URLs and products arrive as
// the admin gave them and are normalized here by domain/sites.hpp (core::error(invalid_value)
// for one that cannot be); a site of another organization is not found.

#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/sites.hpp"

namespace scim::service {

// A new site as the admin describes it.
struct site_definition {
    std::string name;
    std::string url;  // a host name, with or without scheme, port and path
    std::vector<std::string> products;
};

// The new site; core::error(uniqueness) when the organization has a site of that name or any
// site has that URL (one site per host name).
store::site_row create_site(context const& ctx, admin_request const& req, site_definition const& site);

// The organization's sites by name.
std::vector<store::site_row> list_sites(context const& ctx, admin_request const& req);

store::site_row show_site(context const& ctx, admin_request const& req, std::string const& site_id);

// Offering a product the site already offers changes nothing; answers the site as it is now.
store::site_row offer_site_product(context const& ctx, admin_request const& req, std::string const& site_id,
                                   std::string const& product);

// The product's direct access rows and group grants on the site go with it;
// core::error(not_found) when the site does not offer it.
void withdraw_site_product(context const& ctx, admin_request const& req, std::string const& site_id,
                           std::string const& product);

}  // namespace scim::service
