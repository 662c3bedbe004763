// The per-directory token buckets (docs/rate-limits.md) with a clock the test moves: refill,
// burst, Retry-After's rounding, a changed limit, the refusal tallies and the bounded memory.

#include <gtest/gtest.h>

#include "scim/core/config.hpp"
#include "scim/service/directory_rate_limits.hpp"
#include "scim/service/rate_limiter.hpp"

namespace scim::service {
namespace {

using namespace std::chrono_literals;
using time_point = std::chrono::steady_clock::time_point;

time_point const start{};

// How many of `n` takes at `at` succeed.
int served(token_bucket& b, int n, time_point at) {
    int ok = 0;
    for (int i = 0; i < n; ++i) ok += b.take(at) ? 0 : 1;
    return ok;
}

TEST(token_bucket, a_full_bucket_serves_its_burst_then_refuses) {
    token_bucket b({10, 5}, start);
    EXPECT_EQ(served(b, 5, start), 5);
    auto const wait = b.take(start);
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 1);  // 0.1 s until the next token, rounded up to a whole second
}

TEST(token_bucket, refills_at_its_rate_and_never_beyond_its_burst) {
    token_bucket b({2, 4}, start);
    EXPECT_EQ(served(b, 4, start), 4);
    EXPECT_EQ(served(b, 1, start + 499ms), 0);  // 0.998 of a token
    EXPECT_EQ(served(b, 1, start + 500ms), 1);  // the one token half a second brings
    // An hour idle refills the bucket to its burst, no more.
    EXPECT_EQ(served(b, 10, start + 1h), 4);
}

TEST(token_bucket, retry_after_is_the_wait_for_one_token_rounded_up) {
    token_bucket slow({0.5, 1}, start);  // one token per two seconds
    EXPECT_FALSE(slow.take(start));
    EXPECT_EQ(slow.take(start), 2);           // exactly 2 s: not 3
    EXPECT_EQ(slow.take(start + 500ms), 2);   // 1.5 s → 2
    EXPECT_EQ(slow.take(start + 1001ms), 1);  // 0.999 s → 1
    EXPECT_FALSE(slow.take(start + 2s));      // the token is there
    token_bucket rare({0.01, 1}, start);      // one per 100 s
    EXPECT_FALSE(rare.take(start));
    EXPECT_EQ(rare.take(start), 100);
    EXPECT_EQ(rare.take(start + 99s + 999ms), 1);  // never 0: at least 1
}

TEST(token_bucket, knows_when_it_is_full_again) {
    token_bucket b({1, 2}, start);
    EXPECT_TRUE(b.full_at(start));
    EXPECT_FALSE(b.take(start));
    EXPECT_FALSE(b.full_at(start + 999ms));
    EXPECT_TRUE(b.full_at(start + 1s));
}

struct test_clock {
    time_point now = start;
    rate_limiter::clock function() {
        return [this] { return now; };
    }
};

TEST(rate_limiter, each_directory_has_its_own_bucket) {
    test_clock clock;
    rate_limiter limiter(10, clock.function());
    rate_limit const tight{1, 2};
    EXPECT_FALSE(limiter.take("d1", tight, {"r1", "GET", "/Users"}));
    EXPECT_FALSE(limiter.take("d1", tight, {"r2", "GET", "/Users"}));
    EXPECT_EQ(limiter.take("d1", tight, {"r3", "POST", "/Users"}), 1);
    EXPECT_FALSE(limiter.take("d2", tight, {"r4", "GET", "/Users"}));
    clock.now += 1s;
    EXPECT_FALSE(limiter.take("d1", tight, {"r5", "GET", "/Users"}));
}

TEST(rate_limiter, a_changed_limit_applies_to_the_next_request) {
    test_clock clock;
    rate_limiter limiter(10, clock.function());
    // A lower limit: a new bucket of its burst, whatever the old one held.
    EXPECT_FALSE(limiter.take("d1", {100, 1000}, {"r1", "GET", "/Users"}));
    EXPECT_FALSE(limiter.take("d1", {0.01, 1}, {"r2", "GET", "/Users"}));
    EXPECT_TRUE(limiter.take("d1", {0.01, 1}, {"r3", "GET", "/Users"}));
    // A higher one (or back to the default): served at once, the empty bucket forgotten.
    EXPECT_FALSE(limiter.take("d1", {100, 1000}, {"r4", "GET", "/Users"}));
}

TEST(rate_limiter, tallies_refusals_per_directory_until_taken) {
    test_clock clock;
    rate_limiter limiter(10, clock.function());
    rate_limit const one{0.01, 1};
    limiter.take("d1", one, {"r1", "GET", "/Users"});
    limiter.take("d1", one, {"r2", "POST", "/Users"});
    limiter.take("d1", one, {"r3", "GET", "/Groups"});
    limiter.take("d2", one, {"r4", "GET", "/Users"});
    limiter.take("d2", one, {"r5", "GET", "/Users"});
    ASSERT_TRUE(limiter.pending_refusals("d1"));
    EXPECT_EQ(limiter.pending_refusals("d1")->count, 2);
    EXPECT_EQ(limiter.pending_refusals("d1")->first.request_id, "r2");
    EXPECT_EQ(limiter.pending_refusals("d1")->first.method, "POST");
    auto const taken = limiter.take_refusals();
    EXPECT_EQ(taken.size(), 2u);
    EXPECT_FALSE(limiter.pending_refusals("d1"));
    EXPECT_TRUE(limiter.take_refusals().empty());
    // Put back (the journal was out of reach), they merge with newer refusals.
    limiter.restore_refusals(taken);
    limiter.take("d1", one, {"r6", "GET", "/Users"});
    EXPECT_EQ(limiter.pending_refusals("d1")->count, 3);
    EXPECT_EQ(limiter.pending_refusals("d1")->first.request_id, "r2");
}

TEST(rate_limiter, holds_at_most_its_capacity_forgetting_full_buckets_first) {
    test_clock clock;
    rate_limiter limiter(2, clock.function());
    rate_limit const one{0.01, 1};
    EXPECT_FALSE(limiter.take("d1", one, {"r", "GET", "/"}));  // d1 empty
    clock.now += 1ms;
    EXPECT_FALSE(limiter.take("d2", one, {"r", "GET", "/"}));  // d2 empty, used last
    clock.now += 1ms;
    EXPECT_FALSE(limiter.take("d3", one, {"r", "GET", "/"}));  // no full bucket: d1, least recent, goes
    EXPECT_TRUE(limiter.take("d2", one, {"r", "GET", "/"}));   // d2 remembered: still empty
    EXPECT_FALSE(limiter.take("d1", one, {"r", "GET", "/"}));  // d1 forgotten: a full bucket again
}

TEST(effective_rate_limit, is_the_directory_s_own_the_default_or_none) {
    core::rate_limit_settings defaults;
    defaults.default_per_second = 100;
    defaults.default_burst = 3000;
    EXPECT_EQ(effective_rate_limit(defaults, {"default", 0, 0}), (rate_limit{100, 3000}));
    EXPECT_EQ(effective_rate_limit(defaults, {"directory", 2.5, 7}), (rate_limit{2.5, 7}));
    EXPECT_FALSE(effective_rate_limit(defaults, {"off", 0, 0}));
    defaults.default_per_second = 0;
    EXPECT_FALSE(effective_rate_limit(defaults, {"default", 0, 0}));
    EXPECT_EQ(effective_rate_limit(defaults, {"directory", 1, 1}), (rate_limit{1, 1}));
}

}  // namespace
}  // namespace scim::service
