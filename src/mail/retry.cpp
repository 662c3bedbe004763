#include "scim/mail/retry.hpp"

#include <algorithm>

namespace scim::mail {

std::optional<std::chrono::seconds> retry_delay(core::mail_settings const& settings, std::size_t attempts) {
    if (attempts >= settings.max_attempts) return std::nullopt;
    auto delay = settings.retry_base;
    // Doubling stops at the cap, so the shift never overflows however large `attempts` is.
    for (std::size_t i = 1; i < attempts && delay < longest_retry_delay; ++i) delay *= 2;
    return std::min(delay, longest_retry_delay);
}

}  // namespace scim::mail
