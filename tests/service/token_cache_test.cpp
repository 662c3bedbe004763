// The token cache: entries trusted for their lifetime only, forgotten when a use case changes
// what they hold, bounded in number.

#include <thread>

#include <gtest/gtest.h>

#include "scim/service/token_cache.hpp"

namespace scim::service {
namespace {

using namespace std::chrono_literals;

store::token_row token(std::string id, std::string directory) {
    store::token_row row;
    row.id = std::move(id);
    row.directory_id = std::move(directory);
    row.secret_hash = "hash";
    return row;
}

TEST(token_cache, an_entry_lives_for_its_lifetime_only) {
    token_cache cache(100ms, 10);
    EXPECT_FALSE(cache.find("t1"));
    cache.remember(token("t1", "d1"));
    ASSERT_TRUE(cache.find("t1"));
    EXPECT_EQ(cache.find("t1")->directory_id, "d1");
    std::this_thread::sleep_for(150ms);
    EXPECT_FALSE(cache.find("t1"));
}

TEST(token_cache, forgetting_a_token_or_a_directory_takes_effect_at_once) {
    token_cache cache(10s, 10);
    cache.remember(token("t1", "d1"));
    cache.remember(token("t2", "d1"));
    cache.remember(token("t3", "d2"));
    cache.forget_token("t1");
    EXPECT_FALSE(cache.find("t1"));
    EXPECT_TRUE(cache.find("t2"));
    cache.forget_directory("d1");
    EXPECT_FALSE(cache.find("t2"));
    EXPECT_TRUE(cache.find("t3"));
}

TEST(token_cache, the_oldest_entry_goes_when_it_is_full) {
    token_cache cache(10s, 2);
    cache.remember(token("t1", "d"));
    std::this_thread::sleep_for(2ms);
    cache.remember(token("t2", "d"));
    std::this_thread::sleep_for(2ms);
    cache.remember(token("t3", "d"));
    EXPECT_FALSE(cache.find("t1"));
    EXPECT_TRUE(cache.find("t2"));
    EXPECT_TRUE(cache.find("t3"));
}

TEST(token_cache, a_lifetime_of_zero_keeps_nothing) {
    token_cache cache(0ms, 10);
    cache.remember(token("t1", "d1"));
    EXPECT_FALSE(cache.find("t1"));
}

}  // namespace
}  // namespace scim::service
