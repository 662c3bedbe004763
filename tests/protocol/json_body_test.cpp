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
                    bad_body{"deep_arrays", std::string(100, '[') + std::string(100, ']'), 32, "deeper than 32"},
                    bad_body{"number_out_of_range", R"({"meta":{"version":1e400}})", 32, "out of range"},
                    bad_body{"negative_number_out_of_range", R"({"a":[1,-2E+309]})", 32, "out of range"}),
    [](auto const& info) { return std::string(info.param.name); });

// One rule for duplicate member names (docs/errors.md "Limits"): exact or in another case,
// in any object of the body, they are refused, naming the member and where it is.
struct duplicate_case {
    char const* name;
    std::string body;
    char const* detail;
};

void PrintTo(duplicate_case const& c, std::ostream* os) { *os << c.name; }

class duplicate_members : public testing::TestWithParam<duplicate_case> {};

TEST_P(duplicate_members, are_invalid_syntax_naming_the_member) {
    auto const& c = GetParam();
    try {
        parse_request_object(c.body, 32);
        FAIL() << "accepted: " << c.body;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_syntax);
        EXPECT_EQ(e.detail(), c.detail);
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, duplicate_members,
    testing::Values(
        duplicate_case{"exact", R"({"userName":"a","userName":"b"})",
                       R"(request body: member "userName" is given twice in the object at the top level; names are )"
                       R"(case-insensitive and each may appear once)"},
        duplicate_case{"case_variant", R"({"userName":"a","USERNAME":"b"})",
                       R"(request body: member "USERNAME" is given twice in the object at the top level (first as )"
                       R"("userName"); names are case-insensitive and each may appear once)"},
        duplicate_case{"nested", R"({"name":{"givenName":"a","familyName":"b","givenname":"c"}})",
                       R"(request body: member "givenname" is given twice in the object at "name" (first as )"
                       R"("givenName"); names are case-insensitive and each may appear once)"},
        duplicate_case{"in_an_array_element", R"({"emails":[{"value":"a"},{"value":"b","type":"work","Type":"home"}]})",
                       R"(request body: member "Type" is given twice in the object at "emails[1]" (first as )"
                       R"("type"); names are case-insensitive and each may appear once)"},
        duplicate_case{"patch_value", R"({"Operations":[{"op":"add","value":{"title":"x","title":"y"}}]})",
                       R"(request body: member "title" is given twice in the object at "Operations[0].value"; )"
                       R"(names are case-insensitive and each may appear once)"},
        duplicate_case{"escaped_spelling", R"({"a":1,"\u0061":2})",
                       R"(request body: member "a" is given twice in the object at the top level; names are )"
                       R"(case-insensitive and each may appear once)"}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(json_body, the_same_name_in_different_objects_is_fine) {
    auto o = parse_request_object(
        R"({"value":1,"emails":[{"value":"a","type":"work"},{"value":"b","type":"home"}],"name":{"value":2}})", 32);
    EXPECT_EQ(o.at("emails").as_array().size(), 2u);
}

// NUL cannot be stored (PostgreSQL's text and jsonb refuse it, libpq cuts a parameter short at
// it): refused wherever it is, naming the place.
struct nul_case {
    char const* name;
    std::string body;
    char const* detail;
};

void PrintTo(nul_case const& c, std::ostream* os) { *os << c.name; }

class nul_characters : public testing::TestWithParam<nul_case> {};

TEST_P(nul_characters, are_invalid_value_naming_where) {
    auto const& c = GetParam();
    try {
        parse_request_object(c.body, 32);
        FAIL() << "accepted: " << c.body;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_value);
        EXPECT_EQ(e.detail(), c.detail);
        EXPECT_EQ(e.detail().find('\0'), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, nul_characters,
    testing::Values(
        nul_case{"value", R"({"userName":"s\u0000"})",
                 R"(request body: the value at "userName" holds U+0000 (NUL), which no name or value may hold)"},
        nul_case{"nested", R"({"name":{"givenName":"ok","familyName":"a\u0000b"}})",
                 R"(request body: the value at "name.familyName" holds U+0000 (NUL), which no name or value may hold)"},
        nul_case{"array_element", R"({"emails":[{"value":"a"},{"value":"\u0000"}]})",
                 R"(request body: the value at "emails[1].value" holds U+0000 (NUL), which no name or value may hold)"},
        nul_case{"string_in_array", R"({"schemas":["urn:x","\u0000"]})",
                 R"(request body: the value at "schemas[1]" holds U+0000 (NUL), which no name or value may hold)"},
        nul_case{"long_value_after_escapes", "{\"s\":\"" + std::string(5000, 'x') + "\\n\\u0000\"}",
                 R"(request body: the value at "s" holds U+0000 (NUL), which no name or value may hold)"},
        nul_case{"member_name", R"({"emails":[{"val\u0000ue":"a"}]})",
                 R"(request body: a member name at "emails[0]" holds U+0000 (NUL), which no name or value may hold)"}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(json_body, other_escaped_control_characters_are_json_and_left_to_the_attribute_rules) {
    auto o = parse_request_object(R"({"a":"line\nbreak\u0001"})", 32);
    EXPECT_EQ(o.at("a").as_string(), "line\nbreak\x01");
}

TEST(json_body, parses_an_object_within_the_depth_limit) {
    auto o = parse_request_object(R"({"a":{"b":{"c":[1]}}})", 4);
    EXPECT_EQ(o.at("a").at("b").at("c").at(0).as_int64(), 1);
}

TEST(json_body, serializes_compactly) {
    EXPECT_EQ(serialize(boost::json::parse(R"({ "a" : [1, "x"] })")), R"({"a":[1,"x"]})");
}

}  // namespace
}  // namespace scim::protocol
