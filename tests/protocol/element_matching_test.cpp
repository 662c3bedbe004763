// A PATCH value filter on one element held in memory (element_matching.hpp): the comparison
// operators on strings, with ASCII case folded unless the sub-attribute is caseExact, and
// without allocating per comparison.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "element_matching.hpp"
#include "scim/protocol/filter.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

// Whether `condition`, bound to an element of `attribute` (a User's), holds for `element`.
bool matches(std::string const& attribute, std::string const& condition, std::string const& element) {
    auto const& registry = testing::builtin_registry();
    auto const path =
        bind_patch_path(parse_path(attribute + "[" + condition + "]", filter_limits{}), registry, registry.user_type());
    return element_matches(*path.value_filter, json::parse(element));
}

TEST(element_matching, strings_fold_ascii_case_unless_case_exact) {
    std::string const email = R"({"value":"Babs@Example.COM","type":"Work"})";
    EXPECT_TRUE(matches("emails", R"(type eq "work")", email));
    EXPECT_TRUE(matches("emails", R"(type eq "WORK")", email));
    EXPECT_FALSE(matches("emails", R"(type eq "wor")", email));
    EXPECT_FALSE(matches("emails", R"(type eq "works")", email));
    EXPECT_TRUE(matches("emails", R"(type ne "home")", email));
    EXPECT_TRUE(matches("emails", R"(value co "@example.")", email));
    EXPECT_TRUE(matches("emails", R"(value co "")", email));
    EXPECT_FALSE(matches("emails", R"(value co "example.org")", email));
    EXPECT_TRUE(matches("emails", R"(value sw "BABS@")", email));
    EXPECT_FALSE(matches("emails", R"(value sw "Babs@Example.COM.")", email));
    EXPECT_TRUE(matches("emails", R"(value ew ".com")", email));
    EXPECT_FALSE(matches("emails", R"(value ew "x.com")", email));
    // Only ASCII letters fold: "É" and "é" are other bytes.
    EXPECT_FALSE(matches("emails", R"(value co "é")", R"({"value":"\u00c9"})"));
}

TEST(element_matching, strings_order_by_folded_bytes) {
    std::string const email = R"({"value":"m@x","type":"Mid"})";
    EXPECT_TRUE(matches("emails", R"(type gt "a")", email));
    EXPECT_TRUE(matches("emails", R"(type gt "MIC")", email));
    EXPECT_TRUE(matches("emails", R"(type lt "mide")", email));
    EXPECT_TRUE(matches("emails", R"(type ge "mid")", email));
    EXPECT_TRUE(matches("emails", R"(type le "MID")", email));
    EXPECT_FALSE(matches("emails", R"(type lt "mid")", email));
    // Bytes order as unsigned: non-ASCII text sorts after ASCII.
    EXPECT_TRUE(matches("emails", R"(type lt "\u00e9")", email));
}

schema_registry const& case_exact_registry() {
    static auto const r = schema_registry::from_documents({R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": "urn:test:Thing", "name": "Thing",
        "attributes": [{"name": "keys", "type": "complex", "multiValued": true, "subAttributes": [
            {"name": "value", "type": "string", "caseExact": true}]}]})",
                                                           R"({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        "id": "Thing", "name": "Thing", "endpoint": "/Things", "schema": "urn:test:Thing"})"});
    return r;
}

TEST(element_matching, case_exact_sub_attributes_compare_bytes) {
    auto const& registry = case_exact_registry();
    auto const match = [&](std::string const& condition) {
        auto const path = bind_patch_path(parse_path("keys[" + condition + "]", filter_limits{}), registry,
                                          *registry.find_resource_type("Thing"));
        return element_matches(*path.value_filter, json::parse(R"({"value":"AbC"})"));
    };
    EXPECT_TRUE(match(R"(value eq "AbC")"));
    EXPECT_FALSE(match(R"(value eq "abc")"));
    EXPECT_FALSE(match(R"(value sw "ab")"));
    EXPECT_TRUE(match(R"(value ew "bC")"));
    EXPECT_FALSE(match(R"(value co "B")"));
    EXPECT_TRUE(match(R"(value gt "ABC")"));  // 'b' > 'B'
}

}  // namespace
}  // namespace scim::protocol
