// The listing memory: the end of a page is found again by the offset of the page after it, a
// total by its listing, for the same listing only; the least recently used entries go first.

#include <gtest/gtest.h>

#include "scim/service/listing_memory.hpp"

namespace scim::service {
namespace {

store::index_resume end_at(std::int64_t offset, std::int64_t stamp, std::string id) {
    return store::index_resume{offset, stamp, store::keyset_boundary{true, "key", std::move(id)}};
}

TEST(listing_memory, an_end_is_found_by_the_listing_and_the_offset_after_it) {
    listing_memory memory(10);
    EXPECT_FALSE(memory.find_end("listing a", 100));
    memory.remember_end("listing a", end_at(100, 7, "row 100"));
    auto const found = memory.find_end("listing a", 100);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->stamp, 7);
    EXPECT_EQ(found->after.id, "row 100");
    EXPECT_FALSE(memory.find_end("listing a", 200));
    EXPECT_FALSE(memory.find_end("listing b", 100));

    memory.remember_end("listing a", end_at(100, 8, "row 100 again"));
    EXPECT_EQ(memory.find_end("listing a", 100)->after.id, "row 100 again");
}

TEST(listing_memory, the_least_recently_used_end_goes_first) {
    listing_memory memory(2);
    memory.remember_end("a", end_at(1, 1, "1"));
    memory.remember_end("a", end_at(2, 1, "2"));
    EXPECT_TRUE(memory.find_end("a", 1));  // now 2 is the least recently used
    memory.remember_end("a", end_at(3, 1, "3"));
    EXPECT_TRUE(memory.find_end("a", 1));
    EXPECT_FALSE(memory.find_end("a", 2));
    EXPECT_TRUE(memory.find_end("a", 3));
}

TEST(listing_memory, a_total_is_found_by_its_listing) {
    listing_memory memory(10);
    EXPECT_FALSE(memory.find_total("filtered"));
    memory.remember_total("filtered", store::known_total{3, 2014});
    ASSERT_TRUE(memory.find_total("filtered"));
    EXPECT_EQ(memory.find_total("filtered")->total, 2014);
    EXPECT_EQ(memory.find_total("filtered")->stamp, 3);
    EXPECT_FALSE(memory.find_total("another"));
}

}  // namespace
}  // namespace scim::service
