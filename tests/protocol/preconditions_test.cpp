// If-Match / If-None-Match values against a resource version (RFC 7644 §3.14).

#include <gtest/gtest.h>

#include "scim/protocol/preconditions.hpp"

namespace scim::protocol {
namespace {

TEST(preconditions, weak_and_strong_forms_of_the_version_match) {
    EXPECT_TRUE(names_version(R"(W/"3")", 3));
    EXPECT_TRUE(names_version(R"("3")", 3));
    EXPECT_TRUE(names_version(R"( W/"1", W/"3" )", 3));
    EXPECT_TRUE(names_version("*", 42));
}

TEST(preconditions, other_versions_and_garbage_match_nothing) {
    EXPECT_FALSE(names_version(R"(W/"2")", 3));
    EXPECT_FALSE(names_version(R"(W/"33")", 3));
    EXPECT_FALSE(names_version("3", 3));
    EXPECT_FALSE(names_version(R"(W/3)", 3));
    EXPECT_FALSE(names_version("", 3));
    EXPECT_FALSE(names_version(R"("3", *)", 4));
}

}  // namespace
}  // namespace scim::protocol
