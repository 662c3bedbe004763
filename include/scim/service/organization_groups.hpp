#pragma once
// An organization's groups through the admin API (DOMAIN.md "group"): the synced ones its
// directories push and the ones its admins keep, in one list. An admin creates, renames and
// deletes the groups it keeps; a synced group's name and existence are its identity
// provider's (domain::check_group_edit: core::error(forbidden) naming the directory). Any
// group's description and product grants are the admin's to configure. Another organization's
// group is not found (core::error(not_found)), like a missing one. Members:
// service/organization_group_members.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/organization_groups.hpp"

namespace scim::service {

// The displayName as the admin gave it (normalized here by domain::normalize_group_name,
// core::error(invalid_value) when it cannot be). core::error(uniqueness) when the organization
// has a group of that name (any case), of either kind.
store::organization_group create_group(context const& ctx, admin_request const& req, std::string const& display_name,
                                       std::optional<std::string> const& description);

// The groups whose displayName starts with `display_name_prefix` (any case; "" for all), by
// displayName, `offset` skipped, at most `limit`.
store::organization_group_page list_groups(context const& ctx, admin_request const& req,
                                           std::string const& display_name_prefix, std::int64_t offset,
                                           std::int64_t limit);

store::organization_group show_group(context const& ctx, admin_request const& req, std::string const& group_id);

// An absent field stays as it is; the displayName as create_group takes it (and refuses it).
// Answers the group as it is now.
store::organization_group change_group(context const& ctx, admin_request const& req, std::string const& group_id,
                                       store::group_details_change change);

// An admin-kept group; its members and grants go with it, the accounts stay.
void delete_group(context const& ctx, admin_request const& req, std::string const& group_id);

// The group's grants, by site name then product.
std::vector<store::product_grant> list_group_product_grants(context const& ctx, admin_request const& req,
                                                            std::string const& group_id);

// A grant is named by site and product (the product as given in the URL, normalized here): it
// must be a product the organization's site offers (core::error(not_found) for a site that is
// not the organization's, core::error(invalid_value) for a product it does not offer). Both
// idempotent: granting twice, or revoking what is not granted, is not an error.
void grant_group_product(context const& ctx, admin_request const& req, std::string const& group_id,
                         std::string const& site_id, std::string const& product);
void revoke_group_product(context const& ctx, admin_request const& req, std::string const& group_id,
                          std::string const& site_id, std::string const& product);

}  // namespace scim::service
