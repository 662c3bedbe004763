// Attribute types (RFC 7643 §2.3) and multi-valued rules (§2.4), on a test schema that has
// one attribute of every type.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/validation.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

schema_registry const& registry() {
    static auto const r = schema_registry::from_documents({R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": "urn:test:Thing", "name": "Thing",
        "attributes": [
            {"name": "s", "type": "string"},
            {"name": "b", "type": "boolean"},
            {"name": "d", "type": "decimal"},
            {"name": "i", "type": "integer"},
            {"name": "t", "type": "dateTime"},
            {"name": "bin", "type": "binary"},
            {"name": "r", "type": "reference", "referenceTypes": ["external"]},
            {"name": "c", "type": "complex", "subAttributes": [
                {"name": "x", "type": "string"}, {"name": "n", "type": "integer"}]},
            {"name": "m", "type": "string", "multiValued": true},
            {"name": "mc", "type": "complex", "multiValued": true, "subAttributes": [
                {"name": "value", "type": "string"}, {"name": "primary", "type": "boolean"}]}
        ]})",
                                                           R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "Thing", "name": "Thing", "endpoint": "/Things", "schema": "urn:test:Thing"})"});
    return r;
}

struct type_case {
    char const* name;
    char const* attribute;
    char const* value;  // JSON text
    bool accepted;
};

class attribute_types : public testing::TestWithParam<type_case> {};

TEST_P(attribute_types, are_checked) {
    auto const& c = GetParam();
    json::object body{{"schemas", json::array{"urn:test:Thing"}}};
    body[c.attribute] = json::parse(c.value);
    auto const& type = *registry().find_resource_type("Thing");
    if (c.accepted) {
        auto stored = validate_for_create(registry(), type, body).attributes;
        ASSERT_TRUE(stored.contains(c.attribute)) << json::serialize(stored);
        EXPECT_EQ(stored.at(c.attribute), json::parse(c.value));
        return;
    }
    try {
        validate_for_create(registry(), type, body);
        FAIL() << c.attribute << " accepted " << c.value;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_value);
        EXPECT_EQ(e.status(), 400);
        EXPECT_NE(e.detail().find(std::string("\"") + c.attribute), std::string::npos) << e.detail();
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, attribute_types,
    testing::Values(
        type_case{"string", "s", R"("x")", true}, type_case{"string_empty", "s", R"("")", true},
        type_case{"string_number", "s", "5", false}, type_case{"string_boolean", "s", "true", false},
        type_case{"string_object", "s", "{}", false}, type_case{"string_array", "s", R"(["x"])", false},
        type_case{"boolean", "b", "false", true}, type_case{"boolean_string", "b", R"("yes")", false},
        type_case{"boolean_number", "b", "1", false}, type_case{"decimal", "d", "1.5", true},
        type_case{"decimal_integral", "d", "2", true}, type_case{"decimal_string", "d", R"("1.5")", false},
        type_case{"integer", "i", "42", true}, type_case{"integer_negative", "i", "-3", true},
        type_case{"integer_fraction", "i", "1.5", false}, type_case{"integer_point_zero", "i", "1.0", false},
        type_case{"integer_exponent", "i", "1e3", false}, type_case{"integer_string", "i", R"("4")", false},
        type_case{"date_time_utc", "t", R"("2008-01-23T04:56:22Z")", true},
        type_case{"date_time_offset_fraction", "t", R"("2008-01-23T04:56:22.123+05:30")", true},
        type_case{"date_time_no_zone", "t", R"("2008-01-23T04:56:22")", true},
        type_case{"date_time_leap_day", "t", R"("2024-02-29T00:00:00Z")", true},
        type_case{"date_time_leap_400", "t", R"("2000-02-29T00:00:00Z")", true},
        type_case{"date_time_end_of_day", "t", R"("2008-01-23T24:00:00Z")", true},
        // xsd:dateTime allows any year; the store holds the years 0001 to 9999, also in UTC.
        type_case{"date_time_first_storable", "t", R"("0001-01-01T00:00:00Z")", true},
        type_case{"date_time_last_storable", "t", R"("9999-12-31T23:59:59.999Z")", true},
        type_case{"date_time_year_zero", "t", R"("0000-01-01T00:00:00Z")", false},
        type_case{"date_time_negative_year", "t", R"("-0044-03-15T12:00:00Z")", false},
        type_case{"date_time_five_digit_year", "t", R"("12008-01-01T00:00:00Z")", false},
        type_case{"date_time_before_year_one_in_utc", "t", R"("0001-01-01T00:30:00+01:00")", false},
        type_case{"date_time_after_9999_in_utc", "t", R"("9999-12-31T23:00:00-01:00")", false},
        type_case{"date_time_end_of_9999", "t", R"("9999-12-31T24:00:00Z")", false},
        type_case{"date_time_not_leap", "t", R"("2023-02-29T00:00:00Z")", false},
        type_case{"date_time_century_not_leap", "t", R"("1900-02-29T00:00:00Z")", false},
        type_case{"date_time_month_13", "t", R"("2008-13-01T00:00:00Z")", false},
        type_case{"date_time_april_31", "t", R"("2008-04-31T00:00:00Z")", false},
        type_case{"date_time_space", "t", R"("2008-01-23 04:56:22Z")", false},
        type_case{"date_time_hour_25", "t", R"("2008-01-23T25:00:00Z")", false},
        type_case{"date_time_past_end_of_day", "t", R"("2008-01-23T24:00:01Z")", false},
        type_case{"date_time_second_60", "t", R"("2008-01-23T04:56:60Z")", false},
        type_case{"date_time_zone_15h", "t", R"("2008-01-23T04:56:22+15:00")", false},
        type_case{"date_time_zone_no_colon", "t", R"("2008-01-23T04:56:22+0530")", false},
        type_case{"date_time_empty_fraction", "t", R"("2008-01-23T04:56:22.Z")", false},
        type_case{"date_time_date_only", "t", R"("2008-01-23")", false},
        type_case{"date_time_leading_zero_year", "t", R"("02008-01-01T00:00:00Z")", false},
        type_case{"date_time_trailing", "t", R"("2008-01-23T04:56:22Zx")", false},
        type_case{"date_time_number", "t", "1200000000", false}, type_case{"binary", "bin", R"("TWFu")", true},
        type_case{"binary_padded_one", "bin", R"("TWE=")", true},
        type_case{"binary_padded_two", "bin", R"("TQ==")", true}, type_case{"binary_length", "bin", R"("TWF")", false},
        type_case{"binary_three_pads", "bin", R"("T===")", false},
        type_case{"binary_inner_pad", "bin", R"("TW=u")", false},
        type_case{"binary_alphabet", "bin", R"("TWF*")", false}, type_case{"binary_number", "bin", "5", false},
        type_case{"reference", "r", R"("https://example.com/photo.jpg")", true},
        type_case{"reference_number", "r", "5", false}, type_case{"complex", "c", R"({"x":"y","n":1})", true},
        type_case{"complex_string", "c", R"("y")", false},
        type_case{"complex_unknown_sub", "c", R"({"zz":"y"})", false},
        type_case{"complex_sub_type", "c", R"({"n":"1"})", false}, type_case{"multi", "m", R"(["a","b"])", true},
        type_case{"multi_not_array", "m", R"("a")", false}, type_case{"multi_wrong_item", "m", "[1]", false},
        type_case{"multi_null_item", "m", "[null]", false},
        type_case{"multi_complex_one_primary", "mc", R"([{"value":"a","primary":true},{"value":"b","primary":false}])",
                  true},
        type_case{"multi_complex_two_primaries", "mc", R"([{"value":"a","primary":true},{"value":"b","primary":true}])",
                  false},
        type_case{"multi_complex_primary_string", "mc", R"([{"value":"a","primary":"1"}])", false},
        type_case{"multi_complex_item_not_object", "mc", R"(["a"])", false}),
    [](auto const& info) { return std::string(info.param.name); });

// Older Entra sends "True" and "False" for booleans (IDP-BEHAVIOUR.md): read as booleans in any
// letter case, each one listed for the journal; primary:"True" counts as a primary.
TEST(attribute_values, boolean_strings_are_read_as_booleans_and_noted) {
    auto body = json::parse(R"({"schemas":["urn:test:Thing"], "b":"False",
                                "mc":[{"value":"a","primary":"TRUE"},{"value":"b","primary":"false"}]})")
                    .as_object();
    auto const resource = validate_for_create(registry(), *registry().find_resource_type("Thing"), body);
    EXPECT_EQ(resource.attributes.at("b"), false);
    EXPECT_EQ(resource.attributes.at("mc").at(0).at("primary"), true);
    EXPECT_EQ(resource.attributes.at("mc").at(1).at("primary"), false);
    EXPECT_EQ(resource.normalizations,
              (std::vector<std::string>{R"(string "False" for boolean "b" read as false)",
                                        R"(string "TRUE" for boolean "mc.primary" read as true)",
                                        R"(string "false" for boolean "mc.primary" read as false)"}));
    auto two = json::parse(R"({"schemas":["urn:test:Thing"],
                               "mc":[{"value":"a","primary":"true"},{"value":"b","primary":true}]})")
                   .as_object();
    EXPECT_THROW(validate_for_create(registry(), *registry().find_resource_type("Thing"), two), core::error);
    auto plain = json::parse(R"({"schemas":["urn:test:Thing"], "b":true})").as_object();
    EXPECT_TRUE(validate_for_create(registry(), *registry().find_resource_type("Thing"), plain).normalizations.empty());
}

TEST(attribute_values, unassigned_values_are_dropped) {
    auto body = json::parse(R"({"schemas":["urn:test:Thing"], "s":null, "m":[], "c":{}, "mc":[{"value":null}],
                                "i":7})")
                    .as_object();
    auto stored = validate_for_create(registry(), *registry().find_resource_type("Thing"), body).attributes;
    EXPECT_EQ(stored, json::parse(R"({"i":7})").as_object());
}

}  // namespace
}  // namespace scim::protocol
