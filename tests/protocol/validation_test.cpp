// Resource validation for create (RFC 7644 §3.3) on the built-in User schema.

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/validation.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

schema_registry const& registry() { return testing::builtin_registry(); }

json::object create(std::string const& body) {
    return validate_for_create(registry(), registry().user_type(), json::parse(body).as_object()).attributes;
}

struct accepted_case {
    char const* name;
    char const* body;
    char const* stored;
};

class user_create_accepted : public ::testing::TestWithParam<accepted_case> {};

TEST_P(user_create_accepted, stores_the_canonical_form) {
    auto const& c = GetParam();
    EXPECT_EQ(json::serialize(create(c.body)), json::serialize(json::parse(c.stored)));
}

INSTANTIATE_TEST_SUITE_P(
    cases, user_create_accepted,
    ::testing::Values(
        accepted_case{"minimal", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"})",
                      R"({"userName":"bjensen"})"},
        accepted_case{"names_in_declared_case",
                      R"({"SCHEMAS":["URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"],"USERNAME":"b",
                          "Name":{"GIVENNAME":"Barbara"},"EMAILS":[{"VALUE":"b@example.com","PRIMARY":true}],
                          "EXTERNALID":"e-1"})",
                      R"({"userName":"b","name":{"givenName":"Barbara"},
                          "emails":[{"value":"b@example.com","primary":true}],"externalId":"e-1"})"},
        accepted_case{"canonical_values_in_declared_spelling",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                          "emails":[{"value":"a@x","type":"WORK"},{"value":"b@x","type":"Custom"}]})",
                      R"({"userName":"b","emails":[{"value":"a@x","type":"work"},{"value":"b@x","type":"Custom"}]})"},
        accepted_case{"read_only_ignored",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","id":"x",
                          "meta":{"resourceType":"User"},"groups":[{"value":"g"}],
                          "urn:scimd:params:scim:schemas:extension:account:2.0:User":{"accountId":"a","synced":true}})",
                      R"({"userName":"b"})"},
        accepted_case{
            "read_only_ignored_even_when_malformed",
            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","id":5,"groups":"g"})",
            R"({"userName":"b"})"},
        accepted_case{
            "password_not_stored",
            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","password":"s3cret!"})",
            R"({"userName":"b"})"},
        accepted_case{"null_and_empty_dropped",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","displayName":null,
                          "emails":[],"name":{"givenName":null},"phoneNumbers":[{"value":null}],
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null})",
                      R"({"userName":"b"})"},
        accepted_case{"onelogin_scim_1_1_urn_ignored",
                      R"({"schemas":["urn:scim:schemas:core:1.0","urn:ietf:params:scim:schemas:core:2.0:User"],
                          "userName":"b"})",
                      R"({"userName":"b"})"},
        accepted_case{"extension_under_declared_urn",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                                     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"b",
                          "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER":
                              {"EmployeeNumber":"7","manager":{"value":"m-1","displayName":"Boss"}}})",
                      R"({"userName":"b","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                          {"employeeNumber":"7","manager":{"value":"m-1"}}})"},
        accepted_case{"extension_not_listed_in_schemas",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D"}})",
                      R"({"userName":"b","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                          {"department":"R&D"}})"},
        accepted_case{"okta_create",
                      R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"isabella@example.com",
                          "name":{"givenName":"Isabella","familyName":"Ruiz"},
                          "emails":[{"primary":true,"value":"isabella@example.com","type":"work"}],
                          "displayName":"Isabella Ruiz","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
                          "groups":[],"password":"1mz050nq","active":true})",
                      R"({"userName":"isabella@example.com","name":{"givenName":"Isabella","familyName":"Ruiz"},
                          "emails":[{"primary":true,"value":"isabella@example.com","type":"work"}],
                          "displayName":"Isabella Ruiz","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
                          "active":true})"}),
    [](auto const& info) { return std::string(info.param.name); });

struct refused_case {
    char const* name;
    char const* body;
    core::error_type type;
    char const* detail_contains;
};

class user_create_refused : public ::testing::TestWithParam<refused_case> {};

TEST_P(user_create_refused, with_the_right_error) {
    auto const& c = GetParam();
    try {
        create(c.body);
        FAIL() << "accepted " << c.body;
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), c.type) << e.detail();
        EXPECT_EQ(e.status(), 400);
        EXPECT_NE(e.detail().find(c.detail_contains), std::string::npos) << e.detail();
    }
}

using core::error_type;

INSTANTIATE_TEST_SUITE_P(
    cases, user_create_refused,
    ::testing::Values(
        refused_case{"schemas_missing", R"({"userName":"b"})", error_type::invalid_syntax, "\"schemas\""},
        refused_case{"schemas_not_array", R"({"schemas":"urn:ietf:params:scim:schemas:core:2.0:User","userName":"b"})",
                     error_type::invalid_syntax, "\"schemas\""},
        refused_case{"schemas_not_strings", R"({"schemas":[1],"userName":"b"})", error_type::invalid_syntax,
                     "\"schemas\""},
        refused_case{"schemas_without_core",
                     R"({"schemas":["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"userName":"b"})",
                     error_type::invalid_syntax, "urn:ietf:params:scim:schemas:core:2.0:User"},
        refused_case{"schemas_of_another_type",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"userName":"b"})",
                     error_type::invalid_syntax, "urn:ietf:params:scim:schemas:core:2.0:User"},
        refused_case{
            "unknown_attribute",
            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","favouriteColour":"red"})",
            error_type::invalid_value, "favouriteColour"},
        refused_case{"unknown_sub_attribute",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","name":{"nick":"x"}})",
                     error_type::invalid_value, "name.nick"},
        refused_case{"unknown_urn_with_attributes",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:example:ext"],"userName":"b",
                         "urn:example:ext":{"level":3}})",
                     error_type::invalid_value, "urn:example:ext"},
        refused_case{"extension_of_another_type",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "urn:ietf:params:scim:schemas:core:2.0:Group":{"displayName":"x"}})",
                     error_type::invalid_value, "urn:ietf:params:scim:schemas:core:2.0:Group"},
        refused_case{"extension_not_an_object",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":"7"})",
                     error_type::invalid_value, "must be a JSON object"},
        refused_case{"extension_unknown_attribute",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"badge":"7"}})",
                     error_type::invalid_value, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:badge"},
        refused_case{"extension_twice",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"division":"a"},
                         "URN:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"division":"b"}})",
                     error_type::invalid_value, "more than once"},
        refused_case{"user_name_missing",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"displayName":"B"})",
                     error_type::invalid_value, "\"userName\" is required"},
        refused_case{"user_name_empty", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":""})",
                     error_type::invalid_value, "\"userName\" is required"},
        refused_case{"user_name_null", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":null})",
                     error_type::invalid_value, "\"userName\" is required"},
        refused_case{"user_name_twice",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a","USERNAME":"b"})",
                     error_type::invalid_value, "more than once"},
        refused_case{"user_name_number", R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":5})",
                     error_type::invalid_value, "\"userName\" must be a string"},
        refused_case{"active_as_string",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","active":"yes"})",
                     error_type::invalid_value, "\"active\" must be a boolean"},
        refused_case{"password_wrong_type",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","password":12345})",
                     error_type::invalid_value, "\"password\""},
        refused_case{"external_id_wrong_type",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","externalId":7})",
                     error_type::invalid_value, "\"externalId\""},
        refused_case{"emails_not_array",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "emails":{"value":"b@example.com"}})",
                     error_type::invalid_value, "multi-valued"},
        refused_case{"two_primary_emails",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "emails":[{"value":"a@x","primary":true},{"value":"b@x","primary":true}]})",
                     error_type::invalid_value, "\"emails\""},
        refused_case{
            "photo_value_not_reference",
            R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b","photos":[{"value":1}]})",
            error_type::invalid_value, "\"photos.value\""},
        refused_case{"certificate_not_base64",
                     R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"b",
                         "x509Certificates":[{"value":"not base64!"}]})",
                     error_type::invalid_value, "\"x509Certificates.value\""}),
    [](auto const& info) { return std::string(info.param.name); });

TEST(group_create, requires_a_display_name_and_keeps_members) {
    auto const& group = *registry().find_resource_type("Group");
    auto stored = validate_for_create(registry(), group,
                                      json::parse(R"({
        "schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Admins",
        "members":[{"value":"u-1","display":"Babs","type":"user"}]})")
                                          .as_object())
                      .attributes;
    EXPECT_EQ(stored, json::parse(R"({"displayName":"Admins","members":[{"value":"u-1","type":"User"}]})").as_object());
    try {
        validate_for_create(registry(), group,
                            json::parse(R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]})").as_object());
        FAIL() << "a group without displayName was accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), error_type::invalid_value);
        EXPECT_NE(e.detail().find("displayName"), std::string::npos);
    }
}

}  // namespace
}  // namespace scim::protocol
