// mail::retry_delay: exponential back-off from --smtp-retry-seconds, capped, and failed after
// --smtp-max-attempts.

#include "scim/mail/retry.hpp"

#include <gtest/gtest.h>

namespace scim::mail {
namespace {

TEST(mail_retry, doubles_from_the_base_until_the_attempts_run_out) {
    core::mail_settings settings;
    settings.retry_base = std::chrono::seconds(60);
    settings.max_attempts = 4;
    EXPECT_EQ(retry_delay(settings, 1), std::chrono::seconds(60));
    EXPECT_EQ(retry_delay(settings, 2), std::chrono::seconds(120));
    EXPECT_EQ(retry_delay(settings, 3), std::chrono::seconds(240));
    EXPECT_EQ(retry_delay(settings, 4), std::nullopt);
    EXPECT_EQ(retry_delay(settings, 5), std::nullopt);
}

TEST(mail_retry, never_waits_longer_than_the_cap) {
    core::mail_settings settings;
    settings.retry_base = std::chrono::seconds(3600);
    settings.max_attempts = 100;
    EXPECT_EQ(retry_delay(settings, 3), std::chrono::seconds(4 * 3600));
    EXPECT_EQ(retry_delay(settings, 4), longest_retry_delay);
    EXPECT_EQ(retry_delay(settings, 99), longest_retry_delay);
    settings.retry_base = std::chrono::seconds(86400);
    EXPECT_EQ(retry_delay(settings, 1), longest_retry_delay);
}

}  // namespace
}  // namespace scim::mail
