#include "substitution.hpp"

#include <gtest/gtest.h>
#include <boost/json/parse.hpp>

namespace scim::conformance {
namespace {

variables const vars{{"prefix", "cf1-2"}, {"user_id", "u 1"}};

TEST(substitution, replaces_every_variable_in_text) {
    EXPECT_EQ(substitute("/Users/${user_id}", vars), "/Users/u 1");
    EXPECT_EQ(substitute("${prefix}.ann and ${prefix}.bob", vars), "cf1-2.ann and cf1-2.bob");
    EXPECT_EQ(substitute("no variables, a $ and a { alone", vars), "no variables, a $ and a { alone");
    EXPECT_EQ(substitute("unterminated ${prefix", vars), "unterminated ${prefix");
}

TEST(substitution, an_unknown_variable_is_an_error) {
    EXPECT_THROW(substitute("/Users/${group_id}", vars), unknown_variable);
}

TEST(substitution, replaces_inside_json_strings_and_keys_only) {
    auto body = boost::json::parse(R"({"userName":"${prefix}.ann","${prefix}":[1,true,null,{"value":"${user_id}"}]})");
    EXPECT_EQ(substitute_json(body, vars),
              boost::json::parse(R"({"userName":"cf1-2.ann","cf1-2":[1,true,null,{"value":"u 1"}]})"));
}

TEST(substitution, encodes_what_a_url_cannot_hold) {
    EXPECT_EQ(encode_target(R"(/Users?filter=userName eq "a+b@x"&count=2)"),
              "/Users?filter=userName%20eq%20%22a%2Bb@x%22&count=2");
    EXPECT_EQ(encode_target(R"(/Users?filter=emails[type eq "work"])"),
              "/Users?filter=emails%5Btype%20eq%20%22work%22%5D");
    EXPECT_EQ(encode_target("/Users?filter=userName%20pr"), "/Users?filter=userName%20pr");
    EXPECT_EQ(encode_target("/Users?filter=displayName eq \"\xc3\xa9\""),
              "/Users?filter=displayName%20eq%20%22%C3%A9%22");
}

}  // namespace
}  // namespace scim::conformance
