#include "pattern.hpp"

#include <stdexcept>

#include <gtest/gtest.h>

namespace scim::conformance {
namespace {

TEST(pattern, searches_anywhere_unless_anchored) {
    EXPECT_TRUE(pattern_found("application/scim+json; charset=utf-8", "^application/scim\\+json"));
    EXPECT_TRUE(pattern_found("W/\"3\"", "\"3\""));
    EXPECT_FALSE(pattern_found("W/\"3\"", "^\"3\"$"));
    EXPECT_TRUE(pattern_found("abc", "^(?!xyz$)"));  // ECMAScript lookahead
}

TEST(pattern, a_bad_expression_is_an_error_that_names_it) {
    try {
        pattern_found("x", "(unclosed");
        FAIL() << "no exception";
    } catch (std::invalid_argument const& e) {
        EXPECT_NE(std::string(e.what()).find("/(unclosed/"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace scim::conformance
