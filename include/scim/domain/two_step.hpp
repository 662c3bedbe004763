#pragma once
// Two-step verification and secure login (seeds/managed-account-edit.txt "If your organization
// enforces two-step verification, you can temporarily exclude a user";
// seeds/users-vs-managed-accounts.txt "Percentage of managed accounts that are using secure
// login [SSO or MFA]"), pure.

#include <cstdint>
#include <string_view>

namespace scim::domain {

// An exclusion from two-step verification is temporary and excludes from something: its end
// must lie in the future (core::error(invalid_value) otherwise), and the account's policy
// (named `policy_name`) must enforce two-step verification (core::error(conflict) otherwise).
// Ending an exclusion is always allowed and needs no check.
void check_two_step_exclusion(bool ends_in_future, bool policy_requires_two_step, std::string_view policy_name);

// Whether the login service must ask the account for a second step at its next sign-in: its
// policy enforces two-step verification and no exclusion is running.
bool second_step_required(bool policy_requires_two_step, bool excluded_now) noexcept;

// `secure` of `total` as a whole percent, for the Managed accounts page: rounded to the
// nearest, halves up, except that it reads 100 only when every account logs in securely and
// 0 only when none does (2 of 3 is 67; 999 of 1000 is 99, not 100; 1 of 1000 is 1, not 0).
// 0 when there is no account.
std::int64_t secure_login_percent(std::int64_t secure, std::int64_t total) noexcept;

}  // namespace scim::domain
