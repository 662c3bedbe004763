#pragma once
// The provisioning-sync lock (DOMAIN.md): an account created or linked by a directory is
// synced, and the attributes its identity provider owns change only through SCIM; the admin
// API refuses to edit them, naming the directory. Synced groups likewise: their name and
// membership change only through SCIM; their product grants are the admin's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scim::domain {

// The account fields an identity provider owns, by their admin API names.
std::vector<std::string_view> const& idp_owned_fields();

// Throws core::error(forbidden) naming `directory_name` when the account is synced by it
// (`directory_name` present) and `edited` includes a field the identity provider owns.
void check_account_edit(std::optional<std::string> const& directory_name, std::vector<std::string> const& edited);

// What an admin changes on a group.
enum class group_change { name, membership, deletion, product_grants };

// Throws core::error(forbidden) naming `directory_name` when the group is synced by it
// (`directory_name` present) and `change` is its identity provider's: the name, the
// membership, and whether it exists (a group deleted here would come back with the next
// push). Product grants are configured by an admin whoever keeps the group (DOMAIN.md).
void check_group_edit(std::optional<std::string> const& directory_name, group_change change);

}  // namespace scim::domain
