// The schema registry: the built-in schemas/scim/ documents and the checks on any others.

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {
namespace {

constexpr char const* user_urn = "urn:ietf:params:scim:schemas:core:2.0:User";
constexpr char const* group_urn = "urn:ietf:params:scim:schemas:core:2.0:Group";
constexpr char const* enterprise_urn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
constexpr char const* account_urn = "urn:scimd:params:scim:schemas:extension:account:2.0:User";
constexpr char const* group_extension_urn = "urn:scimd:params:scim:schemas:extension:group:2.0:Group";

schema_registry const& builtin() {
    static auto const registry = schema_registry::builtin();
    return registry;
}

attribute const& user_attribute(std::string const& name) {
    auto const* a = builtin().find_schema(user_urn)->find_attribute(name);
    if (!a) throw std::logic_error("no User attribute " + name);
    return *a;
}

void for_each_attribute(std::vector<attribute> const& attributes, std::function<void(attribute const&)> const& f) {
    for (auto const& a : attributes) {
        f(a);
        for_each_attribute(a.sub_attributes, f);
    }
}

TEST(builtin_registry, declares_the_five_schemas_and_two_resource_types) {
    for (auto const* urn : {user_urn, group_urn, enterprise_urn, account_urn, group_extension_urn}) {
        EXPECT_NE(builtin().find_schema(urn), nullptr) << urn;
    }
    EXPECT_EQ(builtin().schemas().size(), 5u);
    ASSERT_EQ(builtin().resource_types().size(), 2u);
    auto const& user = builtin().user_type();
    EXPECT_EQ(user.endpoint, "/Users");
    EXPECT_EQ(user.schema, user_urn);
    ASSERT_EQ(user.extensions.size(), 2u);
    EXPECT_EQ(user.extensions[0].schema, enterprise_urn);
    EXPECT_FALSE(user.extensions[0].required);
    EXPECT_EQ(user.extensions[1].schema, account_urn);
    EXPECT_FALSE(user.extensions[1].required);
    auto const* group = builtin().find_resource_type("Group");
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->endpoint, "/Groups");
    EXPECT_EQ(group->schema, group_urn);
    ASSERT_EQ(group->extensions.size(), 1u);
    EXPECT_EQ(group->extensions[0].schema, group_extension_urn);
    EXPECT_FALSE(group->extensions[0].required);
}

TEST(builtin_registry, lookups_are_case_insensitive) {
    EXPECT_EQ(builtin().find_schema("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER"), builtin().find_schema(user_urn));
    EXPECT_EQ(builtin().find_resource_type("user"), &builtin().user_type());
    EXPECT_EQ(&user_attribute("USERNAME"), &user_attribute("userName"));
    EXPECT_EQ(user_attribute("name").find_sub_attribute("GIVENname"),
              user_attribute("name").find_sub_attribute("givenName"));
    EXPECT_NE(builtin().find_common_attribute("EXTERNALID"), nullptr);
    EXPECT_EQ(builtin().find_schema("urn:scim:schemas:core:1.0"), nullptr);
    EXPECT_EQ(builtin().find_resource_type("Users"), nullptr);
}

TEST(builtin_registry, user_attributes_follow_rfc7643) {
    auto const& user_name = user_attribute("userName");
    EXPECT_TRUE(user_name.required);
    EXPECT_FALSE(user_name.case_exact);
    EXPECT_EQ(user_name.uniqueness, uniqueness::server);

    auto const& password = user_attribute("password");
    EXPECT_EQ(password.mutability, mutability::write_only);
    EXPECT_EQ(password.returned, returned::never);

    auto const& groups = user_attribute("groups");
    EXPECT_EQ(groups.mutability, mutability::read_only);
    EXPECT_TRUE(groups.multi_valued);

    auto const& emails = user_attribute("emails");
    EXPECT_TRUE(emails.multi_valued);
    EXPECT_EQ(emails.type, attribute_type::complex);
    ASSERT_NE(emails.find_sub_attribute("primary"), nullptr);
    EXPECT_EQ(emails.find_sub_attribute("primary")->type, attribute_type::boolean);
    EXPECT_EQ(emails.find_sub_attribute("type")->canonical_values, (std::vector<std::string>{"work", "home", "other"}));

    EXPECT_EQ(user_attribute("active").type, attribute_type::boolean);
    EXPECT_EQ(user_attribute("profileUrl").type, attribute_type::reference);
    EXPECT_EQ(user_attribute("x509Certificates").find_sub_attribute("value")->type, attribute_type::binary);

    std::vector<std::string> names;
    for (auto const& a : builtin().find_schema(user_urn)->attributes) names.push_back(a.name);
    EXPECT_EQ(names, (std::vector<std::string>{"userName",        "name",         "displayName",  "nickName",
                                               "profileUrl",      "title",        "userType",     "preferredLanguage",
                                               "locale",          "timezone",     "active",       "password",
                                               "emails",          "phoneNumbers", "ims",          "photos",
                                               "addresses",       "groups",       "entitlements", "roles",
                                               "x509Certificates"}));
}

TEST(builtin_registry, group_and_enterprise_attributes_follow_rfc7643) {
    auto const& group = *builtin().find_schema(group_urn);
    EXPECT_TRUE(group.find_attribute("displayName")->required);
    auto const* members = group.find_attribute("members");
    ASSERT_NE(members, nullptr);
    EXPECT_TRUE(members->multi_valued);
    EXPECT_EQ(members->find_sub_attribute("value")->mutability, mutability::immutable);
    EXPECT_NE(members->find_sub_attribute("$ref"), nullptr);
    EXPECT_NE(members->find_sub_attribute("display"), nullptr);
    EXPECT_NE(members->find_sub_attribute("type"), nullptr);

    auto const& enterprise = *builtin().find_schema(enterprise_urn);
    for (auto const* name : {"employeeNumber", "costCenter", "organization", "division", "department", "manager"}) {
        EXPECT_NE(enterprise.find_attribute(name), nullptr) << name;
    }
    EXPECT_EQ(enterprise.find_attribute("manager")->find_sub_attribute("displayName")->mutability,
              mutability::read_only);
}

TEST(builtin_registry, account_extension_is_read_only_throughout) {
    auto const& account = *builtin().find_schema(account_urn);
    for (auto const* name : {"accountId", "accountType", "lifecycle", "synced", "syncedBy", "emailVerified",
                             "lastActive", "siteMemberships", "twoStepVerification"}) {
        EXPECT_NE(account.find_attribute(name), nullptr) << name;
    }
    for_each_attribute(account.attributes,
                       [](attribute const& a) { EXPECT_EQ(a.mutability, mutability::read_only) << a.name; });
    EXPECT_EQ(account.find_attribute("accountType")->canonical_values,
              (std::vector<std::string>{"managed", "external"}));
    EXPECT_EQ(account.find_attribute("lastActive")->type, attribute_type::date_time);
    auto const* memberships = account.find_attribute("siteMemberships");
    EXPECT_TRUE(memberships->multi_valued);
    EXPECT_TRUE(memberships->find_sub_attribute("products")->multi_valued);
    EXPECT_EQ(account.find_attribute("twoStepVerification")->find_sub_attribute("excludedUntil")->type,
              attribute_type::date_time);
}

TEST(builtin_registry, every_attribute_is_described) {
    for (auto const& s : builtin().schemas()) {
        EXPECT_FALSE(s.description.empty()) << s.id;
        for_each_attribute(s.attributes,
                           [&](attribute const& a) { EXPECT_FALSE(a.description.empty()) << s.id << " " << a.name; });
    }
}

TEST(builtin_registry, common_attributes_follow_rfc7643_section_3_1) {
    auto const* id = builtin().find_common_attribute("id");
    ASSERT_NE(id, nullptr);
    EXPECT_EQ(id->mutability, mutability::read_only);
    EXPECT_EQ(id->returned, returned::always);
    EXPECT_TRUE(id->case_exact);
    EXPECT_EQ(id->uniqueness, uniqueness::server);

    auto const* external_id = builtin().find_common_attribute("externalId");
    ASSERT_NE(external_id, nullptr);
    EXPECT_EQ(external_id->mutability, mutability::read_write);
    EXPECT_TRUE(external_id->case_exact);

    auto const* meta = builtin().find_common_attribute("meta");
    ASSERT_NE(meta, nullptr);
    EXPECT_EQ(meta->mutability, mutability::read_only);
    std::vector<std::string> subs;
    for (auto const& a : meta->sub_attributes) subs.push_back(a.name);
    EXPECT_EQ(subs, (std::vector<std::string>{"resourceType", "created", "lastModified", "location", "version"}));
}

// A schema document with one attribute definition spliced in.
std::string schema_with(std::string const& attribute_definition, std::string const& id = "urn:test:Thing") {
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"id":")" + id +
           R"(","name":"Thing","attributes":[)" + attribute_definition + "]}";
}

std::string resource_type(std::string const& schema, std::string const& extensions = "[]") {
    return R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],"id":"Thing","name":"Thing",)"
           R"("endpoint":"/Things","schema":")" +
           schema + R"(","schemaExtensions":)" + extensions + "}";
}

std::string const plain = R"({"name":"label","type":"string"})";

TEST(registry_documents, accept_arrays_and_any_order) {
    auto r = schema_registry::from_documents(
        {resource_type("urn:test:Thing"), "[" + schema_with(plain) + "," + schema_with(plain, "urn:test:Other") + "]"});
    EXPECT_EQ(r.schemas().size(), 2u);
    ASSERT_NE(r.find_resource_type("thing"), nullptr);
    auto const* label = r.find_schema("urn:test:Thing")->find_attribute("label");
    ASSERT_NE(label, nullptr);
    // RFC 7643 §2.2 defaults for what a definition leaves out.
    EXPECT_FALSE(label->multi_valued);
    EXPECT_FALSE(label->required);
    EXPECT_FALSE(label->case_exact);
    EXPECT_EQ(label->mutability, mutability::read_write);
    EXPECT_EQ(label->returned, returned::by_default);
    EXPECT_EQ(label->uniqueness, uniqueness::none);
    EXPECT_THROW(r.user_type(), std::logic_error);
}

struct malformed_case {
    char const* name;
    std::vector<std::string> documents;
};

class registry_refuses : public testing::TestWithParam<malformed_case> {};

TEST_P(registry_refuses, with_runtime_error) {
    std::vector<std::string_view> views(GetParam().documents.begin(), GetParam().documents.end());
    EXPECT_THROW(schema_registry::from_documents(views), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(
    cases, registry_refuses,
    testing::Values(
        malformed_case{"unknown_core_schema", {schema_with(plain), resource_type("urn:test:Missing")}},
        malformed_case{
            "unknown_extension",
            {schema_with(plain), resource_type("urn:test:Thing", R"([{"schema":"urn:test:Nope","required":false}])")}},
        malformed_case{"self_extension",
                       {schema_with(plain), resource_type("urn:test:Thing", R"([{"schema":"urn:test:Thing"}])")}},
        malformed_case{"duplicate_resource_type",
                       {schema_with(plain), resource_type("urn:test:Thing"), resource_type("urn:test:Thing")}},
        malformed_case{"invalid_json", {R"({"schemas": [)"}}, malformed_case{"not_an_object", {"42"}},
        malformed_case{"no_kind", {R"({"id":"urn:test:Thing","attributes":[]})"}},
        malformed_case{"schema_without_id",
                       {R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"attributes":[]})"}},
        malformed_case{
            "attributes_not_array",
            {R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:Schema"],"id":"urn:x","attributes":{}})"}},
        malformed_case{"attribute_without_name", {schema_with(R"({"type":"string"})")}},
        malformed_case{"invalid_attribute_name", {schema_with(R"({"name":"1st","type":"string"})")}},
        malformed_case{"ref_outside_complex",
                       {schema_with(R"({"name":"$ref","type":"reference","referenceTypes":["uri"]})")}},
        malformed_case{"unknown_type", {schema_with(R"({"name":"a","type":"text"})")}},
        malformed_case{"unknown_mutability", {schema_with(R"({"name":"a","type":"string","mutability":"readonly"})")}},
        malformed_case{"required_not_boolean", {schema_with(R"({"name":"a","type":"string","required":"yes"})")}},
        malformed_case{"canonical_not_strings", {schema_with(R"({"name":"a","type":"string","canonicalValues":[1]})")}},
        malformed_case{"complex_without_sub_attributes", {schema_with(R"({"name":"a","type":"complex"})")}},
        malformed_case{
            "complex_sub_attribute",
            {schema_with(
                R"({"name":"a","type":"complex","subAttributes":[{"name":"b","type":"complex","subAttributes":[{"name":"c"}]}]})")}},
        malformed_case{"sub_attributes_on_string",
                       {schema_with(R"({"name":"a","type":"string","subAttributes":[{"name":"b"}]})")}},
        malformed_case{"reference_without_types", {schema_with(R"({"name":"a","type":"reference"})")}},
        malformed_case{"duplicate_attribute", {schema_with(plain + R"(,{"name":"LABEL","type":"string"})")}},
        malformed_case{"duplicate_sub_attribute",
                       {schema_with(R"({"name":"a","type":"complex","subAttributes":[{"name":"b"},{"name":"B"}]})")}},
        malformed_case{"common_attribute_redeclared", {schema_with(R"({"name":"externalId","type":"string"})")}},
        malformed_case{"duplicate_schema", {schema_with(plain), schema_with(plain, "URN:TEST:THING")}}),
    [](auto const& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace scim::protocol
