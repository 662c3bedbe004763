#pragma once
// The group named in an admin URL, shared by the use cases of groups, their members and their
// product grants: another organization's group is not found, like a missing one.

#include <optional>
#include <string>

#include "scim/service/admin_request.hpp"
#include "scim/store/organization_groups.hpp"

namespace scim::service {

// The request's organization's group with its grants; core::error(not_found) otherwise.
store::organization_group group_of(store::session& s, admin_request const& req, std::string const& group_id);

// Who keeps the group and its member count; core::error(not_found) otherwise. `for_update`
// locks it, as every change of it, its members or its grants does first.
store::organization_group_head group_head_of(store::session& s, admin_request const& req, std::string const& group_id,
                                             bool for_update);

// The directory that pushes the group, by name, for the sync lock (domain::check_group_edit).
std::optional<std::string> directory_lock(std::optional<store::syncing_directory> const& synced_by);

}  // namespace scim::service
