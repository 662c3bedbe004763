// The kinds of tolerance rule (protocol/normalization_kinds.hpp): every line the PATCH engine,
// the validation and the endpoint matching write into a journal entry's normalizations has its
// kind, and no value the line names changes it.

#include <algorithm>

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "scim/protocol/normalization_kinds.hpp"
#include "scim/protocol/patch.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

std::string const stored = R"({
    "userName": "bjensen", "name": {"givenName": "Barbara"}, "active": true,
    "emails": [{"value": "bjensen@example.com", "type": "work"}, {"value": "babs@jensen.org", "type": "home"}],
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"manager": {"value": "m1"}}
})";

// The kinds of the lines the PATCH engine writes for `operation`.
std::vector<std::string> kinds_of_patch(std::string const& operation) {
    auto const body =
        json::parse(R"({"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[)" + operation + "]}")
            .as_object();
    auto const& registry = testing::builtin_registry();
    auto const result = apply_patch(registry, registry.user_type(), json::parse(stored).as_object(), body);
    std::vector<std::string> kinds;
    for (auto const& line : result.normalizations) kinds.emplace_back(normalization_kind_of(line).id);
    return kinds;
}

struct patch_kind_case {
    char const* kind;
    char const* operation;
};

class patch_kinds : public ::testing::TestWithParam<patch_kind_case> {};

TEST_P(patch_kinds, the_engines_line_has_its_kind) {
    auto const kinds = kinds_of_patch(GetParam().operation);
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), GetParam().kind), kinds.end()) << GetParam().operation;
    EXPECT_EQ(std::find(kinds.begin(), kinds.end(), "other"), kinds.end()) << GetParam().operation;
}

INSTANTIATE_TEST_SUITE_P(
    normalization_kinds, patch_kinds,
    ::testing::Values(
        patch_kind_case{"op-case", R"({"op":"Replace","path":"title","value":"x"})"},
        patch_kind_case{"boolean-string", R"({"op":"replace","path":"active","value":"False"})"},
        patch_kind_case{"single-value-wrapped",
                        R"({"op":"add","path":"emails","value":{"value":"o@x.y","type":"other"}})"},
        patch_kind_case{
            "plain-string-complex",
            R"({"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"m2"})"},
        patch_kind_case{"pathless-key-path", R"({"op":"replace","value":{"name.givenName":"Babs"}})"},
        patch_kind_case{"pathless-read-only-ignored", R"({"op":"replace","value":{"id":"x","title":"y"}})"},
        patch_kind_case{"remove-value-list",
                        R"({"op":"remove","path":"emails","value":[{"value":"babs@jensen.org"}]})"},
        patch_kind_case{"filter-created-value",
                        R"({"op":"replace","path":"emails[type eq \"other\"].value","value":"o@x.y"})"}));

TEST(normalization_kinds, values_that_look_like_rules_do_not_change_the_kind) {
    EXPECT_EQ(normalization_kind_of(R"(string "x" for boolean "y" read as true)").id, "boolean-string");
    EXPECT_EQ(normalization_kind_of(R"(endpoint name "users" read as "Users")").id, "endpoint-case");
    EXPECT_EQ(normalization_kind_of(R"(single value for multi-valued "a" wrapped in an array)").id,
              "single-value-wrapped");
    // A value holding another rule's words after the fixed head keeps the head's kind.
    EXPECT_EQ(normalization_kind_of(R"(op in another case: "\" matched nothing; a value " read as "x")").id, "op-case");
    EXPECT_EQ(normalization_kind_of("something scimd never writes").id, "other");
    EXPECT_EQ(normalization_kind_of("").id, "other");
}

TEST(normalization_kinds, an_entry_lists_each_kind_once_in_order) {
    auto const normalized = json::parse(R"({"Operations": [], "normalizations": [
        "string \"True\" for boolean \"active\" read as true",
        "op in another case: \"Add\" read as \"add\"",
        "string \"False\" for boolean \"x\" read as false"]})");
    EXPECT_EQ(normalization_kinds_of(normalized), (std::vector<std::string>{"boolean-string", "op-case"}));
    EXPECT_TRUE(normalization_kinds_of(json::parse(R"({"userName": "a"})")).empty());
    EXPECT_TRUE(normalization_kinds_of(json::value(nullptr)).empty());
    EXPECT_TRUE(normalization_kinds_of(json::parse(R"({"normalizations": "not a list"})")).empty());
}

TEST(normalization_kinds, every_kind_is_named_and_described) {
    for (auto const& k : normalization_kinds()) {
        EXPECT_EQ(normalization_kind_named(k.id).id, k.id);
        EXPECT_FALSE(k.description.empty());
    }
    EXPECT_EQ(normalization_kinds().back().id, "other");
    EXPECT_EQ(normalization_kind_named("nonsense").id, "other");
}

}  // namespace
}  // namespace scim::protocol
