// Resource validation for replace (RFC 7644 §3.5.1): immutable attributes, and required
// extensions, on a test schema that has them.

#include <gtest/gtest.h>

#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/validation.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

schema_registry const& registry() {
    static auto const r = schema_registry::from_documents({R"([
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
         "id": "urn:test:Badge", "name": "Badge",
         "attributes": [
            {"name": "label", "type": "string"},
            {"name": "serial", "type": "string", "mutability": "immutable"},
            {"name": "code", "type": "string", "caseExact": true, "mutability": "immutable"},
            {"name": "card", "type": "complex", "subAttributes": [
                {"name": "number", "type": "string", "mutability": "immutable"},
                {"name": "note", "type": "string"}]},
            {"name": "holders", "type": "complex", "multiValued": true, "subAttributes": [
                {"name": "value", "type": "string", "mutability": "immutable"}]}]},
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
         "id": "urn:test:Site", "name": "Site",
         "attributes": [{"name": "site", "type": "string", "required": true, "mutability": "immutable"}]},
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
         "id": "Badge", "name": "Badge", "endpoint": "/Badges", "schema": "urn:test:Badge",
         "schemaExtensions": [{"schema": "urn:test:Site", "required": true}]}
    ])"});
    return r;
}

json::object replace(std::string const& body, std::string const& existing) {
    return validate_for_replace(registry(), *registry().find_resource_type("Badge"), json::parse(body).as_object(),
                                json::parse(existing).as_object())
        .attributes;
}

struct replace_case {
    char const* name;
    char const* body;
    char const* existing;
    char const* stored;  // nullptr: refused with mutability
};

class badge_replace : public testing::TestWithParam<replace_case> {};

TEST_P(badge_replace, keeps_immutable_values) {
    auto const& c = GetParam();
    if (c.stored) {
        EXPECT_EQ(json::serialize(replace(c.body, c.existing)), json::serialize(json::parse(c.stored)));
        return;
    }
    try {
        replace(c.body, c.existing);
        FAIL() << "accepted " << c.body;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::mutability) << e.detail();
        EXPECT_EQ(e.status(), 400);
        EXPECT_NE(e.detail().find("immutable"), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, badge_replace,
    testing::Values(
        replace_case{"first_value_may_be_set",
                     R"({"schemas":["urn:test:Badge"],"serial":"A1","urn:test:Site":{"site":"s"}})", R"({"label":"x"})",
                     R"({"serial":"A1","urn:test:Site":{"site":"s"}})"},
        replace_case{"same_value",
                     R"({"schemas":["urn:test:Badge"],"serial":"A1","label":"y","urn:test:Site":{"site":"s"}})",
                     R"({"serial":"A1","label":"x","urn:test:Site":{"site":"s"}})",
                     R"({"serial":"A1","label":"y","urn:test:Site":{"site":"s"}})"},
        replace_case{"same_value_other_case_when_case_insensitive",
                     R"({"schemas":["urn:test:Badge"],"serial":"a1","urn:test:Site":{"site":"S"}})",
                     R"({"serial":"A1","urn:test:Site":{"site":"s"}})",
                     R"({"serial":"a1","urn:test:Site":{"site":"S"}})"},
        replace_case{"omitted_value_is_kept",
                     R"({"schemas":["urn:test:Badge"],"label":"y","card":{"note":"n"},"urn:test:Site":{"site":"s"}})",
                     R"({"serial":"A1","card":{"number":"42"},"urn:test:Site":{"site":"s"}})",
                     R"({"label":"y","card":{"note":"n","number":"42"},"urn:test:Site":{"site":"s"},"serial":"A1"})"},
        replace_case{"multi_valued_elements_may_change",
                     R"({"schemas":["urn:test:Badge"],"holders":[{"value":"u-2"}],"urn:test:Site":{"site":"s"}})",
                     R"({"holders":[{"value":"u-1"}],"urn:test:Site":{"site":"s"}})",
                     R"({"holders":[{"value":"u-2"}],"urn:test:Site":{"site":"s"}})"},
        replace_case{"changed_value", R"({"schemas":["urn:test:Badge"],"serial":"B2","urn:test:Site":{"site":"s"}})",
                     R"({"serial":"A1","urn:test:Site":{"site":"s"}})", nullptr},
        replace_case{"changed_case_when_case_exact",
                     R"({"schemas":["urn:test:Badge"],"code":"abc","urn:test:Site":{"site":"s"}})",
                     R"({"code":"ABC","urn:test:Site":{"site":"s"}})", nullptr},
        replace_case{"changed_sub_attribute",
                     R"({"schemas":["urn:test:Badge"],"card":{"number":"43"},"urn:test:Site":{"site":"s"}})",
                     R"({"card":{"number":"42"},"urn:test:Site":{"site":"s"}})", nullptr},
        replace_case{"changed_extension_attribute", R"({"schemas":["urn:test:Badge"],"urn:test:Site":{"site":"t"}})",
                     R"({"urn:test:Site":{"site":"s"}})", nullptr}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(required_extension, must_be_present) {
    for (auto const* body :
         {R"({"schemas":["urn:test:Badge"],"label":"x"})", R"({"schemas":["urn:test:Badge"],"urn:test:Site":null})",
          R"({"schemas":["urn:test:Badge"],"urn:test:Site":{"site":""}})"}) {
        try {
            validate_for_create(registry(), *registry().find_resource_type("Badge"), json::parse(body).as_object());
            FAIL() << "accepted " << body;
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::invalid_value) << body;
            EXPECT_NE(e.detail().find("urn:test:Site"), std::string::npos) << e.detail();
        }
    }
}

}  // namespace
}  // namespace scim::protocol
