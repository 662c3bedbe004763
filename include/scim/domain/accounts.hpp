#pragma once
// The rules of accounts in an organization (DOMAIN.md "Rules"), pure: no rows, no SQL.
//
// - An account is managed by organization O iff O claimed it; every other account that
//   appears in O (a SCIM link, a site membership) is an external user of O.
// - O can claim only accounts whose email domain O has verified.
// - Lifecycle: active → deactivated (reversible) → pending_deletion (a grace period,
//   cancellable) → deleted (personal data erased; the id is never reused).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scim::domain {

enum class account_type { managed, external };
enum class lifecycle { active, deactivated, pending_deletion, deleted };
enum class lifecycle_action { deactivate, reactivate, schedule_deletion, cancel_deletion, erase };

// The profile an identity provider owns on a synced account (DOMAIN.md "Provisioning-sync
// flag"); absent fields are unassigned.
struct account_profile {
    std::optional<std::string> email;  // the primary address
    std::optional<std::string> display_name;
    std::optional<std::string> given_name;
    std::optional<std::string> family_name;
    std::optional<std::string> job_title;
    std::optional<std::string> department;
    std::optional<std::string> organization_name;
    std::optional<std::string> timezone;
    std::optional<std::string> preferred_language;
    bool active = true;
};

std::string_view to_string(account_type type) noexcept;
std::string_view to_string(lifecycle state) noexcept;
std::optional<lifecycle> parse_lifecycle(std::string_view text) noexcept;

// The lower-cased domain of an email address ("Liam@ACME.com" → "acme.com"); nullopt when
// the address has no local part or no domain.
std::optional<std::string> email_domain(std::string_view email);

// What `claimed_by` (the claiming organization's id, if any) makes the account for
// `organization_id`.
account_type type_for(std::optional<std::string> const& claimed_by, std::string const& organization_id) noexcept;

// Whether an organization that verified `verified_domains` (lower-case names) may claim an
// account with this email address.
bool may_claim(std::string_view email, std::vector<std::string> const& verified_domains);

// The state `action` leads to from `from`. Repeating an action that is already done
// (deactivating a deactivated account) leaves the state as it is. Throws core::error(conflict)
// naming both for an action that state does not allow (reactivating an account pending
// deletion: cancel the deletion first).
lifecycle apply(lifecycle from, lifecycle_action action);

// DOMAIN.md: only the managing organization changes an account (profile, email, lifecycle,
// 2SV, password reset, API tokens); of an external user it manages site and group
// memberships only. Throws core::error(forbidden) saying so for an external user.
void require_managed(account_type type, std::string_view action);

}  // namespace scim::domain
