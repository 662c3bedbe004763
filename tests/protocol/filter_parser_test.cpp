// SCIM filter parsing (RFC 7644 §3.4.2.2): parse_filter() and the canonical to_string().

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <variant>

#include "scim/core/error.hpp"
#include "scim/protocol/filter.hpp"

namespace scim::protocol {
namespace {

std::string canonical(std::string_view text, filter_limits const& limits = {}) {
    return to_string(parse_filter(text, limits));
}

struct canonical_case {
    std::string_view given;
    std::string_view expected;
};

void expect_canonical(canonical_case const& c) {
    SCOPED_TRACE(c.given);
    try {
        EXPECT_EQ(canonical(c.given), c.expected);
        EXPECT_EQ(canonical(c.expected), c.expected) << "the canonical form reads back as itself";
    } catch (core::error const& e) {
        ADD_FAILURE() << "refused: " << e.detail();
    }
}

// Every example of RFC 7644 §3.4.2.2, as printed in the RFC without the "filter=" prefix
// (lines the RFC wraps are joined with one space).
constexpr canonical_case rfc_examples[] = {
    // The two spellings that "evaluate to the same logical value"; names stay as written,
    // the binder matches them case-insensitively.
    {R"(userName Eq "john")", R"(userName eq "john")"},
    {R"(Username eq "john")", R"(Username eq "john")"},
    // Figure 2: Example Filters
    {R"(userName eq "bjensen")", R"(userName eq "bjensen")"},
    {R"(name.familyName co "O'Malley")", R"(name.familyName co "O'Malley")"},
    {R"(userName sw "J")", R"(userName sw "J")"},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")",
     R"(urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J")"},
    {R"(title pr)", R"(title pr)"},
    {R"(meta.lastModified gt "2011-05-13T04:42:34Z")", R"(meta.lastModified gt "2011-05-13T04:42:34Z")"},
    {R"(meta.lastModified ge "2011-05-13T04:42:34Z")", R"(meta.lastModified ge "2011-05-13T04:42:34Z")"},
    {R"(meta.lastModified lt "2011-05-13T04:42:34Z")", R"(meta.lastModified lt "2011-05-13T04:42:34Z")"},
    {R"(meta.lastModified le "2011-05-13T04:42:34Z")", R"(meta.lastModified le "2011-05-13T04:42:34Z")"},
    {R"(title pr and userType eq "Employee")", R"((title pr and userType eq "Employee"))"},
    {R"(title pr or userType eq "Intern")", R"((title pr or userType eq "Intern"))"},
    {R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")",
     R"(schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")"},
    {R"(userType eq "Employee" and (emails co "example.com" or emails.value co "example.org"))",
     R"((userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")))"},
    {R"(userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org"))",
     R"((userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")))"},
    {R"(userType eq "Employee" and (emails.type eq "work"))", R"((userType eq "Employee" and emails.type eq "work"))"},
    {R"(userType eq "Employee" and emails[type eq "work" and value co "@example.com"])",
     R"((userType eq "Employee" and emails[type eq "work" and value co "@example.com"]))"},
    {R"(emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"])",
     R"((emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]))"},
};

TEST(filter_parser, parses_every_rfc_7644_example) {
    for (auto const& c : rfc_examples) expect_canonical(c);
}

TEST(filter_parser, reads_the_rfc_line_breaks_as_spaces) {
    EXPECT_EQ(
        canonical("userType eq \"Employee\" and (emails co \"example.com\" or\n  emails.value co \"example.org\")"),
        R"((userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")))");
}

constexpr canonical_case operators[] = {
    {R"(userName eq "a")", R"(userName eq "a")"},
    {R"(userName ne "a")", R"(userName ne "a")"},
    {R"(userName co "a")", R"(userName co "a")"},
    {R"(userName sw "a")", R"(userName sw "a")"},
    {R"(userName ew "a")", R"(userName ew "a")"},
    {R"(meta.created gt "2024-01-01T00:00:00Z")", R"(meta.created gt "2024-01-01T00:00:00Z")"},
    {R"(meta.created ge "2024-01-01T00:00:00Z")", R"(meta.created ge "2024-01-01T00:00:00Z")"},
    {R"(meta.created lt "2024-01-01T00:00:00Z")", R"(meta.created lt "2024-01-01T00:00:00Z")"},
    {R"(meta.created le "2024-01-01T00:00:00Z")", R"(meta.created le "2024-01-01T00:00:00Z")"},
    {R"(title pr)", R"(title pr)"},
    // Operators and keywords in any case (RFC 7644 §3.4.2.2), printed lower-case.
    {R"(userName EQ "a")", R"(userName eq "a")"},
    {R"(userName Ne "a")", R"(userName ne "a")"},
    {R"(userName cO "a")", R"(userName co "a")"},
    {R"(userName SW "a")", R"(userName sw "a")"},
    {R"(userName eW "a")", R"(userName ew "a")"},
    {R"(x GT 1)", R"(x gt 1)"},
    {R"(x gE 1)", R"(x ge 1)"},
    {R"(x Lt 1)", R"(x lt 1)"},
    {R"(x LE 1)", R"(x le 1)"},
    {R"(title PR)", R"(title pr)"},
    {R"(a pr AND b pr)", R"((a pr and b pr))"},
    {R"(a pr Or b pr)", R"((a pr or b pr))"},
    {R"(NOT (a pr))", R"(not (a pr))"},
    {R"(active eq TRUE)", R"(active eq true)"},
    {R"(active eq False)", R"(active eq false)"},
    {R"(title eq NULL)", R"(title eq null)"},
};

TEST(filter_parser, knows_every_operator_in_any_case) {
    for (auto const& c : operators) expect_canonical(c);
}

constexpr canonical_case structure[] = {
    // "and" binds tighter than "or"; "not" tighter than "and" (RFC 7644 §3.4.2.2).
    {R"(userName Eq "x" or name.familyName sw "O" and active eq true)",
     R"((userName eq "x" or (name.familyName sw "O" and active eq true)))"},
    {R"(a pr and b pr or c pr)", R"(((a pr and b pr) or c pr))"},
    {R"(a pr or b pr and c pr or d pr)", R"((a pr or (b pr and c pr) or d pr))"},
    {R"(not (a pr) and b pr)", R"((not (a pr) and b pr))"},
    {R"(not (a pr or b pr) or c pr)", R"((not (a pr or b pr) or c pr))"},
    {R"(not (not (a pr)))", R"(not (not (a pr)))"},
    // Parentheses regroup; redundant ones leave no trace.
    {R"((a pr or b pr) and c pr)", R"(((a pr or b pr) and c pr))"},
    {R"(a pr and (b pr or c pr and d pr))", R"((a pr and (b pr or (c pr and d pr))))"},
    {R"(((a pr)))", R"(a pr)"},
    {R"((a pr or b pr) or (c pr or d pr))", R"((a pr or b pr or c pr or d pr))"},
    {R"(a pr and (b pr and c pr))", R"((a pr and b pr and c pr))"},
    {R"((a pr and b pr) or c pr)", R"(((a pr and b pr) or c pr))"},
    // Whitespace: any run of SP, HTAB, CR, LF between tokens, optional around brackets.
    {"  userName   eq \t \"a\"  ", R"(userName eq "a")"},
    {"a pr\r\nand\nb pr", R"((a pr and b pr))"},
    {R"(not(a pr))", R"(not (a pr))"},
    {R"(( a pr ))", R"(a pr)"},
    {R"((a pr)and(b pr))", R"((a pr and b pr))"},
    {R"(emails [ type eq "work" ])", R"(emails[type eq "work"])"},
    // Value paths (RFC 7644 §3.4.2.2): the filter inside uses sub-attribute names.
    {R"(emails[type eq "work" and value co "@acme.com"])", R"(emails[type eq "work" and value co "@acme.com"])"},
    {R"(emails[type eq "work" or (type eq "home" and value ew "@example.com")])",
     R"(emails[type eq "work" or (type eq "home" and value ew "@example.com")])"},
    {R"(emails[(type eq "work")])", R"(emails[type eq "work"])"},
    // valuePath subAttr: what identity providers send, read as one element matching both
    {R"(emails[type eq "work"].value eq "a@b.c")", R"(emails[type eq "work" and value eq "a@b.c"])"},
    {R"(emails[type eq "work" and primary eq true].value pr)",
     R"(emails[type eq "work" and primary eq true and value pr])"},
    {R"(emails[type eq "work" or type eq "home"].value co "@x")",
     R"(emails[(type eq "work" or type eq "home") and value co "@x"])"},
    {R"(emails[not (type eq "work")])", R"(emails[not (type eq "work")])"},
    {R"(emails[type eq "work"] and emails[primary eq true])",
     R"((emails[type eq "work"] and emails[primary eq true]))"},
    {R"(not (emails[type pr]))", R"(not (emails[type pr]))"},
    {R"(members[$ref eq "https://example.com/v2/Users/2819c223"])",
     R"(members[$ref eq "https://example.com/v2/Users/2819c223"])"},
    {R"(members[$REF pr])", R"(members[$REF pr])"},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"])",
     R"(urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"])"},
    // URN-qualified attributes (RFC 7644 §3.10), core and extension, with sub-attributes.
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:name.familyName co "O")",
     R"(urn:ietf:params:scim:schemas:core:2.0:User:name.familyName co "O")"},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales")",
     R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "Sales")"},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915")",
     R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915")"},
    {R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref pr)",
     R"(urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.$ref pr)"},
    {R"(manager.$ref pr)", R"(manager.$ref pr)"},
    {R"(x-Name_2 pr)", R"(x-Name_2 pr)"},
};

TEST(filter_parser, groups_by_precedence_and_parentheses) {
    for (auto const& c : structure) expect_canonical(c);
}

constexpr canonical_case literals[] = {
    {R"(a eq "")", R"(a eq "")"},
    {R"(a eq "\"\\\/\b\f\n\r\t")", R"(a eq "\"\\/\b\f\n\r\t")"},
    {R"(a eq "\u0001\u001F")", R"(a eq "\u0001\u001f")"},
    {R"(a eq "\u00e9\u20AC")", "a eq \"\u00e9\u20ac\""},
    {R"(a eq "\ud83d\ude00")", "a eq \"\U0001F600\""},
    {"a eq \"Zo\u00eb \U0001F600\"", "a eq \"Zo\u00eb \U0001F600\""},
    {R"(a eq 0)", R"(a eq 0)"},
    {R"(a eq -0)", R"(a eq -0)"},
    {R"(a eq -42)", R"(a eq -42)"},
    {R"(a eq 3.25)", R"(a eq 3.25)"},
    {R"(a eq -2.5e-3)", R"(a eq -2.5e-3)"},
    {R"(a eq 1E+10)", R"(a eq 1E+10)"},
    {R"(a eq 123456789012345678901234567890)", R"(a eq 123456789012345678901234567890)"},
    {R"(a eq 0.1000000000000000055511151231257827)", R"(a eq 0.1000000000000000055511151231257827)"},
    {R"(a eq true)", R"(a eq true)"},
    {R"(a eq false)", R"(a eq false)"},
    {R"(a eq null)", R"(a eq null)"},
};

TEST(filter_parser, prints_literals_as_json) {
    for (auto const& c : literals) expect_canonical(c);
}

comparison_filter const& only_comparison(filter const& f) { return std::get<comparison_filter>(f.node); }

struct path_case {
    std::string_view given;
    std::string_view schema_urn;
    std::string_view attribute;
    std::string_view sub_attribute;
};

constexpr path_case paths[] = {
    {"userName pr", "", "userName", ""},
    {"UserName pr", "", "UserName", ""},
    {"name.familyName pr", "", "name", "familyName"},
    {"manager.$ref pr", "", "manager", "$ref"},
    {"urn:ietf:params:scim:schemas:core:2.0:User:userName pr", "urn:ietf:params:scim:schemas:core:2.0:User", "userName",
     ""},
    {"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName pr", "urn:ietf:params:scim:schemas:core:2.0:User",
     "name", "familyName"},
    {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department pr",
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "department", ""},
    {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr",
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "value"},
    // A whole schema URN splits at its last ":"; the binder recognizes it (see filter.hpp).
    {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User pr",
     "urn:ietf:params:scim:schemas:extension:enterprise:2.0", "User", ""},
};

TEST(filter_parser, splits_attribute_paths_per_rfc_7644_section_3_10) {
    for (auto const& c : paths) {
        SCOPED_TRACE(c.given);
        auto const f = parse_filter(c.given, {});
        auto const& path = std::get<presence_filter>(f.node).attribute;
        EXPECT_EQ(path.schema_urn, c.schema_urn);
        EXPECT_EQ(path.attribute, c.attribute);
        EXPECT_EQ(path.sub_attribute, c.sub_attribute);
    }
}

TEST(filter_parser, decodes_strings) {
    EXPECT_EQ(std::get<std::string>(only_comparison(parse_filter(R"(a eq "\"\\\/\b\f\n\r\t")", {})).value),
              "\"\\/\b\f\n\r\t");
    EXPECT_EQ(std::get<std::string>(only_comparison(parse_filter(R"(a eq "\u00E9\ud83d\ude00")", {})).value),
              "\xC3\xA9\xF0\x9F\x98\x80");
    EXPECT_EQ(std::get<std::string>(only_comparison(parse_filter(R"(a eq "2011-05-13T04:42:34Z")", {})).value),
              "2011-05-13T04:42:34Z");
}

struct number_case {
    std::string_view text;
    bool integer;
};

constexpr number_case numbers[] = {
    {"0", true},
    {"-0", true},
    {"7", true},
    {"-42", true},
    {"123456789012345678901234567890", true},
    {"1.0", false},
    {"-2.5e-3", false},
    {"1e3", false},
    {"1E+10", false},
    {"0.1000000000000000055511151231257827", false},
};

TEST(filter_parser, keeps_numbers_as_written) {
    for (auto const& c : numbers) {
        SCOPED_TRACE(c.text);
        auto const f = parse_filter("a gt " + std::string(c.text), {});
        auto const& number = std::get<number_literal>(only_comparison(f).value);
        EXPECT_EQ(number.text, c.text);
        EXPECT_EQ(number.integer, c.integer);
    }
}

TEST(filter_parser, reads_true_false_and_null_in_any_case) {
    EXPECT_EQ(std::get<bool>(only_comparison(parse_filter("active eq True", {})).value), true);
    EXPECT_EQ(std::get<bool>(only_comparison(parse_filter("active eq FALSE", {})).value), false);
    EXPECT_TRUE(std::holds_alternative<std::nullptr_t>(only_comparison(parse_filter("title eq Null", {})).value));
}

TEST(filter_parser, builds_the_tree) {
    auto const f = parse_filter(R"(userName Eq "x" or name.familyName sw "O" and not (active eq true))", {});
    auto const& either = std::get<logical_filter>(f.node);
    EXPECT_EQ(either.op, logical_operator::disjunction);
    ASSERT_EQ(either.operands.size(), 2u);
    auto const& first = only_comparison(either.operands[0]);
    EXPECT_EQ(first.attribute.attribute, "userName");
    EXPECT_EQ(first.op, comparison_operator::eq);
    EXPECT_EQ(std::get<std::string>(first.value), "x");
    auto const& both = std::get<logical_filter>(either.operands[1].node);
    EXPECT_EQ(both.op, logical_operator::conjunction);
    ASSERT_EQ(both.operands.size(), 2u);
    EXPECT_EQ(only_comparison(both.operands[0]).op, comparison_operator::sw);
    auto const& negated = std::get<not_filter>(both.operands[1].node);
    EXPECT_EQ(only_comparison(*negated.operand).attribute.attribute, "active");

    auto const v = parse_filter(R"(emails[type eq "work" and value co "@acme.com"])", {});
    auto const& value_path = std::get<value_path_filter>(v.node);
    EXPECT_EQ(value_path.attribute.attribute, "emails");
    auto const& condition = std::get<logical_filter>(value_path.condition->node);
    EXPECT_EQ(only_comparison(condition.operands[0]).attribute.attribute, "type");
    EXPECT_EQ(only_comparison(condition.operands[1]).op, comparison_operator::co);
}

TEST(filter_parser, merges_chains_of_the_same_operator) {
    auto const f = parse_filter("(a pr or b pr) or c pr or (d pr and e pr)", {});
    auto const& chain = std::get<logical_filter>(f.node);
    ASSERT_EQ(chain.operands.size(), 4u);
    EXPECT_TRUE(std::holds_alternative<logical_filter>(chain.operands[3].node));
}

struct refused_case {
    std::string_view given;
    std::string_view detail;  // a part of the expected detail
};

constexpr refused_case refused[] = {
    // empty
    {"", "the filter is empty"},
    {" \t\r\n ", "the filter is empty"},
    // trailing garbage, unbalanced parentheses and brackets
    {R"(userName eq "a" junk)", R"(expected "and", "or" or the end of the filter, found "junk" at position 16)"},
    {R"(userName eq "a" "b")", R"(expected "and", "or" or the end of the filter, found the string "b" at position 16)"},
    {R"~(userName eq "a"))~", R"~(unexpected ")" without a matching "(" at position 15)~"},
    {R"~((userName eq "a")~", R"~(missing ")" to close the "(" at position 0)~"},
    {R"~(((a pr) or (b pr))~", R"~(missing ")" to close the "(" at position 0)~"},
    {R"~((a pr])~", R"~(expected "and", "or" or ")", found "]" at position 5)~"},
    {R"(emails[type eq "work")", R"(missing "]" to close the "[" at position 6)"},
    {R"(emails[type eq "work"]])", R"(unexpected "]" without a matching "[" at position 22)"},
    {R"~(emails[type eq "work"))~", R"~(expected "and", "or" or "]", found ")" at position 21)~"},
    {R"~(())~", R"~(expected an attribute path, "(" or "not", found ")" at position 1)~"},
    {R"(emails[])", R"(expected an attribute path, "(" or "not", found "]" at position 7)"},
    {R"([type eq "work"])", R"(expected an attribute path, "(" or "not", found "[" at position 0)"},
    {R"(a pr and)", R"(expected an attribute path, "(" or "not", found the end of the filter at position 8)"},
    // missing operator or value, unknown operator, "pr" with a value
    {R"(userName)", R"(expected a comparison operator after "userName", found the end of the filter at position 8)"},
    {R"(userName "bjensen")",
     R"(expected a comparison operator after "userName", found the string "bjensen" at position 9)"},
    {R"(userName eq)",
     R"(expected a comparison value (a JSON string, number, true, false or null) after "eq", found the end of the filter at position 11)"},
    {R"(userName eq bjensen)", R"(after "eq", found "bjensen" at position 12)"},
    {R"(userName eq .5)", R"(after "eq", found "." at position 12)"},
    {R"(userName regex "a.*")",
     R"(unknown comparison operator "regex" at position 9; expected eq, ne, co, sw, ew, gt, ge, lt, le or pr)"},
    {R"(userName === "a")", R"(unexpected "=" at position 9)"},
    {R"(title pr "x")", R"("pr" takes no comparison value, found the string "x" at position 9)"},
    {R"(title pr 1)", R"("pr" takes no comparison value, found the number 1 at position 9)"},
    {R"(title PR true)", R"("pr" takes no comparison value, found "true" at position 9)"},
    // value paths do not nest; a sub-attribute after one needs an operator
    {R"(emails[value[type eq "work"]])", R"(nested value path at position 12)"},
    {R"(emails[type pr and (value[type pr])])", R"(nested value path at position 25)"},
    {R"(emails[type eq "work"].value)",
     R"(expected a comparison operator after "emails", found the end of the filter at position 28)"},
    // "not" needs parentheses (RFC 7644 §3.4.2.2)
    {R"(not userName eq "a")", R"(expected "(" after "not", found "userName" at position 4)"},
    {R"(a pr and not b pr)", R"(expected "(" after "not", found "b" at position 13)"},
    {R"(not)", R"(expected "(" after "not", found the end of the filter at position 3)"},
    // strings
    {R"(userName eq "abc)", R"(unterminated string starting at position 12)"},
    {R"(userName eq "abc\)", R"(unterminated string starting at position 12)"},
    {R"(userName eq "a\qb")", R"(invalid escape "\" followed by "q" in a string at position 14)"},
    {R"(userName eq "a\'b")", R"(invalid escape "\" followed by "'" in a string at position 14)"},
    {R"(userName eq "\u12G4")", R"(invalid \u escape in a string at position 13)"},
    {R"(userName eq "\u12")", R"(invalid \u escape in a string at position 13)"},
    {R"(userName eq "\ud83d")", R"(unpaired surrogate \uD83D in a string at position 13)"},
    {R"(userName eq "\ud83d\u0041")", R"(unpaired surrogate \uD83D in a string at position 13)"},
    {R"(userName eq "\ude00\ud83d")", R"(unpaired surrogate \uDE00 in a string at position 13)"},
    {R"(userName eq "\u0000")", R"(\u0000 in a string at position 13)"},
    {"userName eq \"a\nb\"", "control character U+000A in a string at position 14"},
    {"userName eq \"a\x01\"", "control character U+0001 in a string at position 14"},
    {"userName eq \"\xC3\x28\"", "invalid UTF-8 in a string at position 13"},
    {"userName eq \"\xC0\xAF\"", "invalid UTF-8 in a string at position 13"},
    {"userName eq \"\xED\xA0\x80\"", "invalid UTF-8 in a string at position 13"},
    {"userName eq \"\xF4\x90\x80\x80\"", "invalid UTF-8 in a string at position 13"},
    {"userName eq \"\xE2\x82", "invalid UTF-8 in a string at position 13"},
    {R"(userName eq 'bjensen')", R"(unexpected "'" at position 12; strings are JSON strings, in double quotes)"},
    {"userName eq \xC3\xA9", "unexpected byte 0xC3 at position 12"},
    // numbers (RFC 8259 §6)
    {R"(x eq 01)", R"(invalid number "01" at position 5)"},
    {R"(x eq 1.)", R"(invalid number "1." at position 5)"},
    {R"(x eq 1e)", R"(invalid number "1e" at position 5)"},
    {R"(x eq 1e+)", R"(invalid number "1e+" at position 5)"},
    {R"(x eq -)", R"(invalid number "-" at position 5)"},
    {R"(x eq 1.2.3)", R"(invalid number "1.2.3" at position 5)"},
    {R"(x eq 0x10)", R"(invalid number "0x10" at position 5)"},
    {R"(x eq 12abc)", R"(invalid number "12abc" at position 5)"},
    {R"(x eq +1)", R"(unexpected "+" at position 5)"},
    // attribute names (RFC 7644 §3.4.2.2 ATTRNAME, §3.10)
    {R"($ref eq "x")", R"("$ref" as an attribute at position 0)"},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User:$ref pr)", R"("$ref" as an attribute at position 43)"},
    {R"($foo eq "x")", R"(invalid attribute name "$foo" at position 0)"},
    {R"(urn:x:1abc pr)", R"(invalid attribute name "1abc" at position 6)"},
    {R"(name.given.x eq "a")", R"("name.given.x" has more than one sub-attribute at position 0)"},
    {R"(name. eq "a")", R"(expected a sub-attribute name after "." at position 5)"},
    {R"(name..given eq "a")", R"(expected a sub-attribute name after "." at position 5)"},
    {R"(name.1x eq "a")", R"(invalid sub-attribute name "1x" at position 5)"},
    {R"(foo_bar:x eq 1)", R"("foo_bar" is not a schema URI at position 0)"},
    {R"(urn:ietf:params:scim:schemas:core:2.0:User: eq 1)",
     R"(expected an attribute name in "urn:ietf:params:scim:schemas:core:2.0:Us..." at position 43)"},
};

TEST(filter_parser, refuses_bad_filters_with_invalid_filter) {
    for (auto const& c : refused) {
        SCOPED_TRACE(c.given);
        try {
            parse_filter(c.given, {});
            ADD_FAILURE() << "accepted";
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::invalid_filter);
            EXPECT_EQ(e.status(), 400);
            EXPECT_NE(e.detail().find(c.detail), std::string::npos) << e.detail();
        }
    }
}

core::error refusal(std::string_view text, filter_limits const& limits) {
    try {
        parse_filter(text, limits);
    } catch (core::error const& e) {
        return e;
    }
    ADD_FAILURE() << "accepted " << text.substr(0, 80);
    return core::error(core::error_type::internal, "accepted");
}

std::string nested(std::size_t levels, std::string_view open = "(", std::string_view close = ")") {
    std::string text;
    for (std::size_t i = 0; i < levels; ++i) text += open;
    text += "a pr";
    for (std::size_t i = 0; i < levels; ++i) text += close;
    return text;
}

std::string chain(std::size_t terms) {
    std::string text = "a0 pr";
    for (std::size_t i = 1; i < terms; ++i) text += " or a" + std::to_string(i) + " pr";
    return text;
}

TEST(filter_parser_limits, refuses_text_longer_than_max_length) {
    std::string const longest = "userName eq \"" + std::string(4096 - 14, 'x') + "\"";
    ASSERT_EQ(longest.size(), 4096u);
    EXPECT_NO_THROW(parse_filter(longest, {}));
    auto const e = refusal(longest + " ", {});
    EXPECT_EQ(e.type(), core::error_type::invalid_filter);
    EXPECT_EQ(e.detail(), "the filter is 4097 bytes long; at most 4096 are allowed");
}

TEST(filter_parser_limits, refuses_nesting_deeper_than_max_depth) {
    EXPECT_EQ(canonical(nested(16)), "a pr");
    auto const e = refusal(nested(17), {});
    EXPECT_EQ(e.type(), core::error_type::invalid_filter);
    EXPECT_EQ(e.detail(), R"(the filter nests deeper than 16 levels of "(", "not (" and "[" at position 16)");

    // "not (" and "[" are levels too.
    EXPECT_EQ(canonical(nested(16, "not (")), nested(16, "not (", ")"));
    EXPECT_NE(refusal(nested(17, "not ("), {}).detail().find("nests deeper than 16 levels"), std::string::npos);
    filter_limits one_level;
    one_level.max_depth = 1;
    EXPECT_EQ(canonical("emails[type pr]", one_level), "emails[type pr]");
    EXPECT_NE(refusal("(emails[type pr])", one_level).detail().find("at position 7"), std::string::npos);
}

TEST(filter_parser_limits, does_not_count_and_or_chains_as_depth) {
    filter_limits flat;
    flat.max_depth = 0;
    EXPECT_NO_THROW(parse_filter(chain(64), flat));
    EXPECT_NO_THROW(parse_filter("a pr and b pr or c pr and d pr", flat));
    EXPECT_NE(refusal("(a pr)", flat).detail().find("nests deeper than 0 levels"), std::string::npos);
}

TEST(filter_parser_limits, refuses_hostile_nesting_before_recursing) {
    filter_limits roomy;
    roomy.max_length = 1'000'000;
    auto const deep = refusal(nested(10'000), roomy);
    EXPECT_EQ(deep.type(), core::error_type::invalid_filter);
    EXPECT_NE(deep.detail().find("nests deeper than 16 levels"), std::string::npos) << deep.detail();

    std::string const parentheses(100'000, '(');
    EXPECT_EQ(refusal(parentheses, {}).detail(), "the filter is 100000 bytes long; at most 4096 are allowed");
    EXPECT_NE(refusal(parentheses, roomy).detail().find("at position 16"), std::string::npos);
    EXPECT_NE(refusal(std::string(100'000, '['), roomy).detail().find("at position 0"), std::string::npos);
}

TEST(filter_parser_limits, refuses_more_than_max_terms) {
    EXPECT_NO_THROW(parse_filter(chain(64), {}));
    auto const e = refusal(chain(65), {});
    EXPECT_EQ(e.type(), core::error_type::invalid_filter);
    EXPECT_NE(e.detail().find("the filter has more than 64 attribute expressions at position"), std::string::npos)
        << e.detail();

    filter_limits one_term;
    one_term.max_terms = 1;
    EXPECT_NO_THROW(parse_filter("emails[type pr]", one_term));
    EXPECT_NE(refusal("emails[type pr and value pr]", one_term).detail().find("more than 1 attribute"),
              std::string::npos);
}

TEST(filter_print, names_operators_in_lower_case) {
    EXPECT_EQ(to_string(comparison_operator::eq), "eq");
    EXPECT_EQ(to_string(comparison_operator::le), "le");
    EXPECT_EQ(to_string(logical_operator::conjunction), "and");
    EXPECT_EQ(to_string(logical_operator::disjunction), "or");
    EXPECT_EQ(to_string(attribute_path{"urn:a:b", "name", "givenName"}), "urn:a:b:name.givenName");
    EXPECT_EQ(to_string(comparison_value{std::string("a\"b")}), R"("a\"b")");
    EXPECT_EQ(to_string(comparison_value{number_literal{"-1.5", false}}), "-1.5");
}

}  // namespace
}  // namespace scim::protocol
