#pragma once
// Authentication policies (the managed accounts export's policy columns,
// seeds/users-vs-managed-accounts.txt), pure: what a valid policy is, what "secure login" and
// "billable" mean, and how the export spells the settings.
//
// A policy applies only to accounts its organization manages (DOMAIN.md "Email change": when
// the claim is released, the organization's policies stop applying to the account).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scim/domain/accounts.hpp"

namespace scim::domain {

// Billable policies count their active members towards the organization's bill (the seed:
// "members who count towards your Atlassian Guard Standard bill").
enum class policy_type { billable, nonbillable };

std::string_view to_string(policy_type type) noexcept;
std::optional<policy_type> parse_policy_type(std::string_view text) noexcept;

struct policy_settings {
    std::string name;
    policy_type type = policy_type::billable;
    bool saml_sso = false;
    bool two_step_required = false;
    int password_min_length = 8;
    std::optional<int> password_expiry_days;  // none: passwords never expire
    int idle_session_minutes = 43200;         // 30 days
};

// The bounds validate() enforces.
inline constexpr std::size_t max_policy_name_length = 200;
inline constexpr int min_password_length = 8;  // NIST SP 800-63B §5.1.1.2: at least 8
inline constexpr int max_password_length = 128;
inline constexpr int max_password_expiry_days = 365;
inline constexpr int min_idle_session_minutes = 5;
inline constexpr int max_idle_session_minutes = 60 * 24 * 90;

// Throws core::error(invalid_value) naming the first setting out of bounds.
void validate(policy_settings const& policy);

// The seed's "using secure login [SSO or MFA]": the account logs in through SAML single
// sign-on, or it enrolled in two-step verification.
bool uses_secure_login(bool policy_saml_sso, bool two_step_enrolled) noexcept;

// The export's "Billable": an active account under a billable policy.
bool is_billable(lifecycle state, policy_type type) noexcept;

// "Minimum 12 characters, expire every 90 days" / "Minimum 8 characters, never expire".
std::string describe_password_requirements(int min_length, std::optional<int> expiry_days);

// The largest whole unit: "30 days", "8 hours", "1 hour", "45 minutes".
std::string describe_idle_session(int minutes);

}  // namespace scim::domain
