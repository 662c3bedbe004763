// PATCH paths (RFC 7644 §3.5.2): parse_path() and its canonical to_string().

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "scim/core/error.hpp"
#include "scim/protocol/filter.hpp"

namespace scim::protocol {
namespace {

struct accepted_case {
    std::string_view given;
    std::string_view expected;  // canonical form
};

constexpr accepted_case accepted[] = {
    // RFC 7644 §3.5.2 Figure 8, "Example Path Values"
    {R"(members)", R"(members)"},
    {R"(name.familyName)", R"(name.familyName)"},
    {R"(addresses[type eq "work"])", R"(addresses[type eq "work"])"},
    {R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])",
     R"(members[value eq "2819c223-7f76-453a-919d-413861904646"])"},
    {R"(members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName)",
     R"(members[value eq "2819c223-7f76-453a-919d-413861904646"].displayName)"},
    // The operation examples of RFC 7644 §3.5.2.2 and §3.5.2.3
    {R"(emails[type eq "work" and value ew "example.com"])", R"(emails[type eq "work" and value ew "example.com"])"},
    {R"(addresses[type eq "work"].streetAddress)", R"(addresses[type eq "work"].streetAddress)"},
    // Paths IdPs send
    {R"(emails[type eq "work"].value)", R"(emails[type eq "work"].value)"},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager)",
     R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager)"},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value)",
     R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value)"},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value)",
     R"(urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value)"},
    {R"(members[$ref eq "https://example.com/v2/Users/2819c223"])",
     R"(members[$ref eq "https://example.com/v2/Users/2819c223"])"},
    {R"(members.$ref)", R"(members.$ref)"},
    {R"(emails[type eq "work"].$ref)", R"(emails[type eq "work"].$ref)"},
    {R"(emails[Type EQ "work" Or (type eq "home" AND primary eq TRUE)])",
     R"(emails[Type eq "work" or (type eq "home" and primary eq true)])"},
    {R"(emails[not (type eq "work")].display)", R"(emails[not (type eq "work")].display)"},
    {R"(  emails[ type eq "work" ] . value  )", R"(emails[type eq "work"].value)"},
};

TEST(filter_path, parses_patch_paths) {
    for (auto const& c : accepted) {
        SCOPED_TRACE(c.given);
        try {
            auto const path = parse_path(c.given, {});
            EXPECT_EQ(to_string(path), c.expected);
            EXPECT_EQ(to_string(parse_path(c.expected, {})), c.expected) << "the canonical form reads back as itself";
        } catch (core::error const& e) {
            ADD_FAILURE() << "refused: " << e.detail();
        }
    }
}

TEST(filter_path, splits_a_value_path_with_a_sub_attribute) {
    auto const path = parse_path(R"(emails[type eq "work"].value)", {});
    EXPECT_EQ(path.attribute.schema_urn, "");
    EXPECT_EQ(path.attribute.attribute, "emails");
    EXPECT_EQ(path.attribute.sub_attribute, "");
    ASSERT_TRUE(path.value_filter);
    auto const& condition = std::get<comparison_filter>(path.value_filter->node);
    EXPECT_EQ(condition.attribute.attribute, "type");
    EXPECT_EQ(condition.op, comparison_operator::eq);
    EXPECT_EQ(std::get<std::string>(condition.value), "work");
    EXPECT_EQ(path.sub_attribute, "value");
}

TEST(filter_path, splits_plain_and_qualified_paths) {
    auto const plain = parse_path("name.familyName", {});
    EXPECT_EQ(plain.attribute.attribute, "name");
    EXPECT_EQ(plain.attribute.sub_attribute, "familyName");
    EXPECT_FALSE(plain.value_filter);
    EXPECT_EQ(plain.sub_attribute, "");

    auto const qualified = parse_path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", {});
    EXPECT_EQ(qualified.attribute.schema_urn, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    EXPECT_EQ(qualified.attribute.attribute, "manager");
    EXPECT_EQ(qualified.attribute.sub_attribute, "");
    EXPECT_FALSE(qualified.value_filter);
}

TEST(filter_path, allows_the_sub_attribute_that_filters_refuse) {
    EXPECT_NO_THROW(parse_path(R"(emails[type eq "work"].value)", {}));
    EXPECT_THROW(parse_filter(R"(emails[type eq "work"].value)", {}), core::error);
}

struct refused_case {
    std::string_view given;
    core::error_type type;
    std::string_view detail;  // a part of the expected detail
};

constexpr auto path = core::error_type::invalid_path;
constexpr auto in_filter = core::error_type::invalid_filter;  // inside "[...]": RFC 7644 §3.12 Table 9

constexpr refused_case refused[] = {
    {"", path, "the path is empty"},
    {"  ", path, "the path is empty"},
    {R"("members")", path, R"(expected an attribute path, found the string "members" at position 0)"},
    {R"((members))", path, R"(expected an attribute path, found "(" at position 0)"},
    {R"(members])", path, R"(expected the end of the path, found "]" at position 7)"},
    {R"(title pr)", path, R"(expected the end of the path, found "pr" at position 6)"},
    {R"(userName eq "x")", path, R"(expected the end of the path, found "eq" at position 9)"},
    {R"(name.familyName.x)", path, R"("name.familyName.x" has more than one sub-attribute at position 0)"},
    {R"(name..familyName)", path, R"(expected a sub-attribute name after "." at position 5)"},
    {R"(members.)", path, R"(expected a sub-attribute name after "." at position 8)"},
    {R"($ref)", path, R"("$ref" as an attribute at position 0)"},
    {R"(foo_bar:members)", path, R"("foo_bar" is not a schema URI at position 0)"},
    {R"(emails[type eq "work"].)", path,
     R"(expected a sub-attribute name after ".", found the end of the path at position 22)"},
    {R"(emails[type eq "work"].value.display)", path,
     R"(expected a sub-attribute name after ".", found "value.display" at position 23)"},
    {R"(emails[type eq "work"].1x)", path, R"(invalid number "1x" at position 23)"},
    {R"(emails[type eq "work"]x)", path, R"(expected "." or the end of the path, found "x" at position 22)"},
    {R"(emails[type eq "work"][value pr])", path, R"(expected "." or the end of the path, found "[" at position 22)"},
    {R"(emails[type eq "work"].value[type pr])", path, R"(expected the end of the path, found "[" at position 28)"},
    {R"(emails[type eq "work"] 'x')", path, R"(unexpected "'" at position 23)"},
    {R"(members[)", in_filter, R"(expected an attribute path, "(" or "not", found the end of the path at position 8)"},
    {R"(members[value eq "x")", in_filter, R"(missing "]" to close the "[" at position 7)"},
    {R"(emails[type eq])", in_filter, R"(after "eq", found "]" at position 14)"},
    {R"(emails[type eq "work" junk])", in_filter, R"(expected "and", "or" or "]", found "junk" at position 22)"},
    {R"(emails[type regex "work"])", in_filter, R"(unknown comparison operator "regex" at position 12)"},
    {R"(emails[type eq "w\qrk"])", in_filter, R"(invalid escape "\" followed by "q" in a string at position 17)"},
    {R"(emails[value[type eq "work"]])", in_filter, R"(nested value path at position 12)"},
    {R"(emails[not type eq "work"])", in_filter, R"(expected "(" after "not", found "type" at position 11)"},
};

TEST(filter_path, refuses_bad_paths) {
    for (auto const& c : refused) {
        SCOPED_TRACE(c.given);
        try {
            parse_path(c.given, {});
            ADD_FAILURE() << "accepted";
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), c.type) << e.detail();
            EXPECT_EQ(e.status(), 400);
            EXPECT_NE(e.detail().find(c.detail), std::string::npos) << e.detail();
        }
    }
}

TEST(filter_path, applies_the_limits) {
    std::string const longest = "members[value eq \"" + std::string(4096 - 20, 'x') + "\"]";
    ASSERT_EQ(longest.size(), 4096u);
    EXPECT_NO_THROW(parse_path(longest, {}));
    try {
        parse_path(longest + "x", {});
        ADD_FAILURE() << "accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_path);
        EXPECT_EQ(e.detail(), "the path is 4097 bytes long; at most 4096 are allowed");
    }

    filter_limits shallow;
    shallow.max_depth = 2;
    EXPECT_NO_THROW(parse_path(R"(emails[(type pr)])", shallow));
    try {
        parse_path(R"(emails[((type pr))])", shallow);
        ADD_FAILURE() << "accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::invalid_filter);
        EXPECT_EQ(e.detail(), R"(the path nests deeper than 2 levels of "(", "not (" and "[" at position 8)");
    }
}

}  // namespace
}  // namespace scim::protocol
