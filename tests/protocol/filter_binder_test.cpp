// Binding filters to the schema registry (RFC 7644 §3.4.2.2, RFC 7643 §2): what resolves to
// what, and every refusal with the detail a client sees.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "support/builtin_registry.hpp"

namespace scim::protocol {
namespace {

schema_registry const& registry() { return testing::builtin_registry(); }

bound_filter bind(std::string const& text) {
    return bind_filter(parse_filter(text, {}), registry(), registry().user_type());
}

bound_path comparison_path(std::string const& text) {
    auto const bound = bind(text);
    if (auto const* c = std::get_if<bound_comparison>(&bound.node)) return c->path;
    if (auto const* p = std::get_if<bound_presence>(&bound.node)) return p->path;
    ADD_FAILURE() << text << " did not bind to a single comparison";
    return {};
}

TEST(filter_binder, resolves_names_to_the_registry_spelling_whatever_the_case) {
    EXPECT_EQ(to_string(comparison_path(R"(USERNAME eq "a")")), "userName");
    EXPECT_EQ(to_string(comparison_path(R"(name.FAMILYNAME eq "a")")), "name.familyName");
    EXPECT_EQ(to_string(comparison_path(R"(urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a")")), "userName");
    EXPECT_EQ(
        to_string(comparison_path(R"(URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Department eq "a")")),
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department");
    EXPECT_EQ(to_string(comparison_path(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr)")),
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
}

TEST(filter_binder, common_attributes_are_marked) {
    auto const id = comparison_path(R"(id eq "x")");
    EXPECT_TRUE(id.common);
    auto const created = comparison_path(R"(meta.created gt "2024-01-01T00:00:00Z")");
    EXPECT_TRUE(created.common);
    EXPECT_EQ(created.leaf().type, attribute_type::date_time);
    EXPECT_FALSE(comparison_path(R"(userName eq "a")").common);
}

TEST(filter_binder, comparing_a_complex_attribute_compares_its_value) {
    auto const emails = comparison_path(R"(emails eq "a@b.c")");
    EXPECT_EQ(to_string(emails), "emails.value");
    auto const manager =
        comparison_path(R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq "m")");
    EXPECT_EQ(manager.leaf().name, "value");
}

TEST(filter_binder, null_means_presence) {
    auto const absent = bind(R"(title eq null)");
    ASSERT_TRUE(std::holds_alternative<bound_presence>(absent.node));
    EXPECT_TRUE(std::get<bound_presence>(absent.node).negated);
    auto const present = bind(R"(title ne null)");
    EXPECT_FALSE(std::get<bound_presence>(present.node).negated);
}

TEST(filter_binder, value_paths_bind_their_condition_to_sub_attributes) {
    auto const bound = bind(R"(emails[TYPE eq "work" and value co "@x"])");
    auto const& v = std::get<bound_value_path>(bound.node);
    EXPECT_EQ(v.path.attribute->name, "emails");
    auto const& condition = std::get<bound_logical>(v.condition->node);
    EXPECT_EQ(std::get<bound_comparison>(condition.operands[0].node).path.attribute->name, "type");
}

struct refusal_case {
    std::string filter;
    std::string detail;
};

class filter_binder_refuses : public ::testing::TestWithParam<refusal_case> {};

TEST_P(filter_binder_refuses, with_invalid_filter_and_a_useful_detail) {
    try {
        bind(GetParam().filter);
        FAIL() << GetParam().filter << " was accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_filter);
        EXPECT_NE(e.detail().find(GetParam().detail), std::string::npos) << e.detail();
    }
}

INSTANTIATE_TEST_SUITE_P(
    cases, filter_binder_refuses,
    ::testing::Values(
        refusal_case{R"(nope eq "x")", R"("nope" is not an attribute of User resources)"},
        refusal_case{R"(name.nope eq "x")", R"("name" has no sub-attribute "nope")"},
        refusal_case{R"(userName.first eq "x")", R"("userName" has no sub-attribute "first")"},
        refusal_case{R"(urn:example:Other:attr eq "x")",
                     R"(names schema "urn:example:Other", which User resources do not have)"},
        refusal_case{R"(password eq "hunter2")", R"("password" cannot be used: it is never returned)"},
        refusal_case{R"(active gt true)", R"("gt" cannot be used on "active", which is a boolean)"},
        refusal_case{R"(active co "t")", R"("co" cannot be used on "active", which is a boolean)"},
        refusal_case{R"(urn:scimd:params:scim:schemas:extension:account:2.0:User:lastActive sw "2024")",
                     R"("sw" cannot be used on)"},
        refusal_case{R"(active eq "true")",
                     R"("active" is a boolean: "true" is not a valid value for it; expected true or false)"},
        refusal_case{R"(userName eq 42)", R"("userName" is a string: 42 is not a valid value for it)"},
        refusal_case{R"(meta.created gt "yesterday")", R"(expected an xsd:dateTime string)"},
        refusal_case{R"(meta.created gt 2024)", R"(is a dateTime)"},
        // PostgreSQL reads no year 0 (SQLSTATE 22008): refused here, before any SQL.
        refusal_case{R"(meta.created gt "0000-01-01T00:00:00Z")", R"(in the years 0001 to 9999)"},
        refusal_case{R"(meta.lastModified lt "10000-01-01T00:00:00Z")", R"(in the years 0001 to 9999)"},
        refusal_case{R"(userName gt null)", R"(null can only be compared with "eq" or "ne")"},
        refusal_case{R"(name eq "x")", R"("name" is complex: compare one of its sub-attributes, or use "pr")"},
        refusal_case{R"(userName[value eq "x"])", R"(a value filter needs a complex attribute; "userName" is not one)"},
        refusal_case{R"(emails[nope eq "x"])", R"("nope" is not a sub-attribute of "emails")"},
        refusal_case{R"(schemas co "enterprise")", R"("schemas" can only be compared with "eq" or "ne")"},
        refusal_case{R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User eq "x")",
                     R"(can only be tested with "pr")"}));

TEST(filter_binder, schemas_names_the_core_schema_and_the_extensions_present) {
    auto const extension = bind(R"(schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER")");
    auto const& present = std::get<bound_presence>(extension.node);
    EXPECT_EQ(present.path.schema_urn, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    EXPECT_EQ(present.path.attribute, nullptr);
    EXPECT_FALSE(
        std::get<bound_presence>(bind(R"(schemas eq "urn:ietf:params:scim:schemas:core:2.0:User")").node).negated);
    EXPECT_TRUE(std::get<bound_presence>(bind(R"(schemas eq "urn:example:other")").node).negated);
    EXPECT_TRUE(std::holds_alternative<bound_not>(bind(R"(schemas ne "urn:example:other")").node));
}

TEST(filter_binder, sort_paths_use_the_callers_error) {
    try {
        bind_path({"", "nope", ""}, registry(), registry().user_type(), core::error_type::invalid_value, "sortBy");
        FAIL();
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_value);
        EXPECT_EQ(e.detail(), R"(sortBy "nope" is not an attribute of User resources)");
    }
}

}  // namespace
}  // namespace scim::protocol
