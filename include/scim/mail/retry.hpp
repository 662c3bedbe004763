#pragma once
// When a message that could not be sent is tried again (docs/mail.md "Retries"): exponential
// back-off, so that a server that is down for an hour is not hammered, and a message that keeps
// failing is given up on after a bounded number of attempts.

#include <chrono>
#include <optional>

#include "scim/core/config.hpp"

namespace scim::mail {

// The longest wait between two attempts, however many came before.
inline constexpr std::chrono::seconds longest_retry_delay{6 * 3600};

// After `attempts` tries of a message (1 or more), all failed: how long to wait before the
// next one — retry_base, doubled after each further failure, at most longest_retry_delay — or
// nullopt when it had max_attempts and is failed for good.
std::optional<std::chrono::seconds> retry_delay(core::mail_settings const& settings, std::size_t attempts);

}  // namespace scim::mail
