#pragma once
// An organization's sites and the products they offer (schemas/sql/008_sites.sql). Names,
// URLs and products come in already normalized (domain/sites.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct site_row {
    std::string id;
    std::string name;
    std::string url;
    std::string created;                // RFC 3339
    std::vector<std::string> products;  // by name
};

// The new site offering `products`, in one statement; nullopt when the organization has a site
// of that name (in any case: 016_site_removal_and_names.sql), or any site has that URL (one
// site per host name).
std::optional<site_row> create_site(session& s, std::string const& organization_id, std::string const& name,
                                    std::string const& url, std::vector<std::string> const& products);

// The organization's sites by name.
std::vector<site_row> list_sites(session& s, std::string const& organization_id);

// The site when it is the organization's (nothing for another organization's); `for_update`
// locks it, so that its products stay as read until the transaction ends.
std::optional<site_row> find_site(session& s, std::string const& organization_id, std::string const& site_id,
                                  bool for_update = false);

// Renames the site (call it with the site locked); false when another site of the organization
// has that name, in any case.
bool rename_site(session& s, std::string const& site_id, std::string const& name);

// How many accounts are on the site, whatever their status.
std::int64_t count_site_users(session& s, std::string const& site_id);

// Deletes the site (call it locked and without users): its products, and the group grants
// naming them, go with it by cascade.
void delete_site(session& s, std::string const& site_id);

// Offering a product the site already offers changes nothing. Answers the products the site
// offers now, by name.
std::vector<std::string> add_site_product(session& s, std::string const& site_id, std::string const& product);
// The access rows and group grants naming the product go with it (by cascade); false when the
// site did not offer it.
bool remove_site_product(session& s, std::string const& site_id, std::string const& product);

}  // namespace scim::store
