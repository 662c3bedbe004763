#pragma once
// The account an admin request names, as the organization sees it, shared by the account use
// cases (accounts.cpp, email_changes.cpp, api_tokens.cpp, policies.cpp).

#include <optional>
#include <string>

#include "scim/store/managed_accounts.hpp"

namespace scim::service {

// The account; core::error(not_found) when the organization has no relation to it (tenant
// isolation: another organization's account is as absent as a missing one).
store::account_detail visible_account(store::session& s, std::string const& organization, std::string const& id);
// The same, locked for the change the request makes.
store::account_detail locked_account(store::session& s, std::string const& organization, std::string const& id);

// The name of the directory that syncs the account, for the sync lock; none when unsynced.
std::optional<std::string> directory_lock(store::account_detail const& a);

}  // namespace scim::service
