// Request bodies: parse_request_object() and serialize().

#include <gtest/gtest.h>

#include <string>

#include <boost/json/parse.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/json_body.hpp"

namespace scim::protocol {
namespace {

struct bad_body {
    char const* name;
    std::string body;
    std::size_t max_depth;
    char const* detail_contains;
};

class json_body_refused : public testing::TestWithParam<bad_body> {};

TEST_P(json_body_refused, is_invalid_syntax_with_a_useful_detail) {
    auto const& c = GetParam();
    try {
        parse_request_object(c.body, c.max_depth);
        FAIL() << "accepted: " << c.body;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_syntax);
        EXPECT_EQ(e.status(), 400);
        EXPECT_NE(e.detail().find(c.detail_contains), std::string::npos) << e.detail();
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, json_body_refused,
    testing::Values(bad_body{"empty", "", 32, "empty"}, bad_body{"trailing_comma", R"({"a":1,})", 32, "offset 7"},
                    bad_body{"truncated", R"({"userName":"b")", 32, "ends early"},
                    bad_body{"extra_data", R"({} {})", 32, "after the JSON value"},
                    bad_body{"not_json", "userName=b", 32, "malformed JSON"},
                    bad_body{"invalid_utf8", "{\"a\":\"\xff\"}", 32, "UTF-8"},
                    bad_body{"array", R"([{"userName":"b"}])", 32, "must be a JSON object"},
                    bad_body{"string", R"("x")", 32, "must be a JSON object"},
                    bad_body{"null", "null", 32, "must be a JSON object"},
                    bad_body{"too_deep", R"({"a":{"b":{"c":{}}}})", 3, "deeper than 3"},
                    bad_body{"deep_arrays", std::string(100, '[') + std::string(100, ']'), 32, "deeper than 32"}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(json_body, parses_an_object_within_the_depth_limit) {
    auto o = parse_request_object(R"({"a":{"b":{"c":[1]}}})", 4);
    EXPECT_EQ(o.at("a").at("b").at("c").at(0).as_int64(), 1);
}

TEST(json_body, serializes_compactly) {
    EXPECT_EQ(serialize(boost::json::parse(R"({ "a" : [1, "x"] })")), R"({"a":[1,"x"]})");
}

}  // namespace
}  // namespace scim::protocol
