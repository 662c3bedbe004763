#include "scim/domain/two_step.hpp"

#include <string>

#include "scim/core/error.hpp"

namespace scim::domain {

void check_two_step_exclusion(bool ends_in_future, bool policy_requires_two_step, std::string_view policy_name) {
    if (!ends_in_future) {
        throw core::error(core::error_type::invalid_value,
                          "\"until\" must lie in the future: an exclusion from two-step verification is temporary");
    }
    if (!policy_requires_two_step) {
        throw core::error(core::error_type::conflict,
                          "the account's policy \"" + std::string(policy_name) +
                              "\" does not enforce two-step verification: there is nothing to exclude it from");
    }
}

bool second_step_required(bool policy_requires_two_step, bool excluded_now) noexcept {
    return policy_requires_two_step && !excluded_now;
}

std::int64_t secure_login_percent(std::int64_t secure, std::int64_t total) noexcept {
    if (total <= 0 || secure <= 0) return 0;
    if (secure >= total) return 100;
    auto const nearest = (200 * secure + total) / (2 * total);
    if (nearest >= 100) return 99;
    if (nearest <= 0) return 1;
    return nearest;
}

}  // namespace scim::domain
