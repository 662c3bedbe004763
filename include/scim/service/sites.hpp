#pragma once
// Sites through the admin API (DOMAIN.md "site"): create one with the products it offers, list
// and show them, rename one, delete one without users, offer another product or stop offering
// one. Names, URLs and products arrive as the admin gave them and are normalized here by
// domain/sites.hpp (core::error(invalid_value) for one that cannot be); a site of another
// organization is not found.

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

// The site with its new name (normalized like a new one); core::error(uniqueness) when another
// site of the organization has that name, in any case.
store::site_row rename_site(context const& ctx, admin_request const& req, std::string const& site_id,
                            std::string const& name);

// Deletes a site without users, with its products and the group grants naming them.
// core::error(conflict) while anyone is on the site, whatever its status: removing a user
// revokes its access and takes it out of the site's admin-kept groups (docs/sites.md), which an
// admin does user by user, knowingly, and never as a side effect of deleting a site.
void delete_site(context const& ctx, admin_request const& req, std::string const& site_id);

// Offering a product the site already offers changes nothing; answers the site as it is now.
store::site_row offer_site_product(context const& ctx, admin_request const& req, std::string const& site_id,
                                   std::string const& product);

// The product's direct access rows and group grants on the site go with it;
// core::error(not_found) when the site does not offer it.
void withdraw_site_product(context const& ctx, admin_request const& req, std::string const& site_id,
                           std::string const& product);

}  // namespace scim::service
