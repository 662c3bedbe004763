#pragma once
// The provisioning-sync lock (DOMAIN.md): an account created or linked by a directory is
// synced, and the attributes its identity provider owns change only through SCIM; the admin
// API refuses to edit them, naming the directory. Synced groups likewise: their name and
// membership change only through SCIM; their product grants are the admin's.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/domain/accounts.hpp"

namespace scim::domain {

// The account fields an identity provider owns, by their admin API names.
std::vector<std::string_view> const& idp_owned_fields();

// Throws core::error(forbidden) naming `directory_name` when the account is synced by it
// (`directory_name` present) and `edited` includes a field the identity provider owns.
void check_account_edit(std::optional<std::string> const& directory_name, std::vector<std::string> const& edited);

// The admin's lifecycle actions on a synced account (docs/accounts.md "The sync lock, action by
// action"). Whether the account is active is its identity provider's to say, so that what SCIM
// shows and what the account is never part: deactivate and reactivate are refused naming the
// directory; delete is refused while the directory has the account active (deactivate it there
// first), so that a synced account pending deletion is always one its directory deactivated;
// cancelling a deletion is the admin's (it leaves the account deactivated, as the directory has
// it). Throws core::error(forbidden) naming `directory_name`; nothing when unsynced (none).
void check_synced_lifecycle(std::optional<std::string> const& directory_name, lifecycle_action action,
                            lifecycle current);

// What the `active` of the directory that syncs an account makes of its lifecycle: active
// brings it back from deactivated and from pending deletion (the identity provider owns whether
// the person may sign in; a deletion the admin scheduled after the directory deactivated the
// account is undone when the directory takes the person back); inactive deactivates it, and
// leaves a deletion scheduled. A deleted account is gone for good.
lifecycle follow_directory(lifecycle current, bool active) noexcept;

// What an admin changes on a group.
enum class group_change { name, membership, deletion, product_grants };

// Throws core::error(forbidden) naming `directory_name` when the group is synced by it
// (`directory_name` present) and `change` is its identity provider's: the name, the
// membership, and whether it exists (a group deleted here would come back with the next
// push). Product grants are configured by an admin whoever keeps the group (DOMAIN.md).
void check_group_edit(std::optional<std::string> const& directory_name, group_change change);

}  // namespace scim::domain
