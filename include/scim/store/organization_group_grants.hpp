#pragma once
// Products a group grants its members on the organization's sites (schemas/sql/008_sites.sql
// group_product_grants). Any group of the organization may grant, synced or not: a synced
// group's grants are configured by an admin (DOMAIN.md). Call the changes with the group
// locked (find_organization_group_head).

#include <map>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct product_grant {
    std::string site_id;
    std::string site_name;
    std::string product;
    std::string granted_at;  // RFC 3339
};

// Call them with the site found as the group's organization's and offering the product
// (store/sites.hpp find_site). Each answers whether it changed anything: granting twice, or
// revoking what is not granted, is not an error.
bool grant_group_product(session& s, std::string const& group_id, std::string const& site_id,
                         std::string const& product);
bool revoke_group_product(session& s, std::string const& group_id, std::string const& site_id,
                          std::string const& product);

// The grants of each of `group_ids`, by site name then product; groups that grant nothing are
// absent from the map.
std::map<std::string, std::vector<product_grant>> product_grants_of(session& s,
                                                                    std::vector<std::string> const& group_ids);

}  // namespace scim::store
