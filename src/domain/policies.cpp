#include "scim/domain/policies.hpp"

#include "scim/core/error.hpp"

namespace scim::domain {
namespace {

void require_between(int value, int low, int high, std::string_view what) {
    if (value < low || value > high) {
        throw core::error(core::error_type::invalid_value, std::string(what) + " must be between " +
                                                               std::to_string(low) + " and " + std::to_string(high));
    }
}

std::string count_of(int n, std::string_view unit) {
    return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s");
}

}  // namespace

std::string_view to_string(policy_type type) noexcept {
    return type == policy_type::billable ? "billable" : "nonbillable";
}

std::optional<policy_type> parse_policy_type(std::string_view text) noexcept {
    if (text == "billable") return policy_type::billable;
    if (text == "nonbillable") return policy_type::nonbillable;
    return std::nullopt;
}

void validate(policy_settings const& policy) {
    if (policy.name.empty() || policy.name.size() > max_policy_name_length) {
        throw core::error(core::error_type::invalid_value,
                          "a policy name must have 1 to " + std::to_string(max_policy_name_length) + " characters");
    }
    require_between(policy.password_min_length, min_password_length, max_password_length,
                    "the minimum password length");
    if (policy.password_expiry_days) {
        require_between(*policy.password_expiry_days, 1, max_password_expiry_days, "the password expiry in days");
    }
    require_between(policy.idle_session_minutes, min_idle_session_minutes, max_idle_session_minutes,
                    "the idle session duration in minutes");
}

bool uses_secure_login(bool policy_saml_sso, bool two_step_enrolled) noexcept {
    return policy_saml_sso || two_step_enrolled;
}

bool is_billable(lifecycle state, policy_type type) noexcept {
    return state == lifecycle::active && type == policy_type::billable;
}

std::string describe_password_requirements(int min_length, std::optional<int> expiry_days) {
    return "Minimum " + count_of(min_length, "character") + ", " +
           (expiry_days ? "expire every " + count_of(*expiry_days, "day") : std::string("never expire"));
}

std::string describe_idle_session(int minutes) {
    if (minutes % (60 * 24) == 0) return count_of(minutes / (60 * 24), "day");
    if (minutes % 60 == 0) return count_of(minutes / 60, "hour");
    return count_of(minutes, "minute");
}

}  // namespace scim::domain
