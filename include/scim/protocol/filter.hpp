#pragma once
// The parsed SCIM filter (RFC 7644 §3.4.2.2) and PATCH path (RFC 7644 §3.5.2): the first of
// the three filter stages (parse → bind → emit, ARCHITECTURE.md "Conventions").
//
// Parsing is purely syntactic. Names are kept exactly as written; resolving them against the
// schema registry (case-insensitive names, types, caseExact, whether a value filter or
// sub-attribute makes sense for that attribute) is the binder's job, which also refuses
// unknown attributes and operator/type combinations with invalidFilter.
//
// Syntax accepted, beyond the letter of Figure 1 and where the RFC leaves room:
// - operators, "and", "or", "not", "pr" and the literals true, false and null are matched
//   case-insensitively (RFC 7644 §3.4.2.2 makes operators case-insensitive; IdPs are known to
//   send True/False, so the literals follow);
// - one or more spaces, tabs, CRs or LFs separate tokens where Figure 1 has SP, and are also
//   allowed around "(", ")", "[", "]" and between "not" and "(";
// - "not" is always the keyword at the start of an expression and must be followed by "(";
// - "$ref" is accepted as a sub-attribute name and, inside a value path, as the compared
//   name (RFC 7643 §2.4), e.g. members[$ref eq "..."] and manager.$ref;
// - a schema URI is the part of a path before its last ":" (RFC 7644 §3.10); it must have a
//   URI scheme (ALPHA *(ALPHA / DIGIT / "-" / ".") ":") and is made of nameChar, ".", ":"
//   and "$". A path that is a whole schema URN ("urn:...:enterprise:2.0:User") therefore
//   parses as {"urn:...:enterprise:2.0", "User"}; the binder recognizes that case;
// - nested value paths are refused (RFC 7644 §3.4.2.2 errata 4690 and 7322), and so is a
//   sub-attribute after a value path in a filter: valuePath [subAttr] is PATCH-path only;
// - "\u0000" is refused in strings: no stored value can contain it and PostgreSQL text
//   cannot hold it.
//
// Errors throw core::error with a detail that names the problem and, when it has one, the
// 0-based byte offset of the offending token ("... at position 9"). parse_filter throws
// invalid_filter. parse_path throws invalid_path, except for problems between a value path's
// "[" and its "]", which are invalid_filter (RFC 7644 §3.12 Table 9 lists invalidFilter for
// "PATCH (Path Filter)").

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace scim::protocol {

// RFC 7644 §3.10 attribute notation: [<schema URI> ":"] <attribute> ["." <sub-attribute>].
// Inside a value path's brackets `attribute` names a sub-attribute of the value path's
// attribute (emails[type eq "work"] → {"", "type", ""}).
struct attribute_path {
    std::string schema_urn;  // "" when unqualified
    std::string attribute;
    std::string sub_attribute;  // "" when none
};

enum class comparison_operator { eq, ne, co, sw, ew, gt, ge, lt, le };

enum class logical_operator { conjunction, disjunction };  // "and", "or"

// A JSON number (RFC 8259 §6) exactly as written, so that big integers and decimals reach
// the binder without a round trip through double.
struct number_literal {
    std::string text;
    bool integer = false;  // no fraction and no exponent ("12", "-0"; not "1.0" nor "1e3")
};

// compValue (RFC 7644 §3.4.2.2). Strings are decoded (escapes resolved, valid UTF-8);
// dateTime values are strings at this stage.
using comparison_value = std::variant<std::nullptr_t, bool, number_literal, std::string>;

struct filter;

// attrPath SP compareOp SP compValue
struct comparison_filter {
    attribute_path attribute;
    comparison_operator op = comparison_operator::eq;
    comparison_value value;
};

// attrPath SP "pr"
struct presence_filter {
    attribute_path attribute;
};

// A chain of "and" or of "or". Always two operands or more, and never an operand that is
// itself a logical_filter with the same operator: (a or b) or c is {or, [a, b, c]}.
struct logical_filter {
    logical_operator op = logical_operator::conjunction;
    std::vector<filter> operands;
};

// "not" "(" FILTER ")"
struct not_filter {
    std::unique_ptr<filter> operand;
};

// attrPath "[" valFilter "]": some value of the multi-valued `attribute` matches `condition`,
// whose attribute paths name sub-attributes of `attribute`.
struct value_path_filter {
    attribute_path attribute;
    std::unique_ptr<filter> condition;
};

// Parentheses are not kept: grouping shows in the tree's shape.
struct filter {
    std::variant<comparison_filter, presence_filter, logical_filter, not_filter, value_path_filter> node;
};

// PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2, Figure 7).
struct patch_path {
    attribute_path attribute;
    std::optional<filter> value_filter;  // the bracketed valFilter, if any
    std::string sub_attribute;           // subAttr after "]" (emails[...].value); "" when none
};

struct filter_limits {
    std::size_t max_length = 4096;  // bytes of filter or path text
    // Nesting of "(", "not (" and "[": one level each. Chains of "and"/"or" do not nest.
    // This also bounds the parser's recursion, so hostile input cannot exhaust the stack.
    std::size_t max_depth = 16;
    std::size_t max_terms = 64;  // comparisons plus "pr" expressions
};

filter parse_filter(std::string_view text, filter_limits const& limits);
patch_path parse_path(std::string_view text, filter_limits const& limits);

// Canonical forms, so that tests and logs compare strings:
// - attribute paths as written: [urn ":"] attribute ["." sub];
// - `<path> <op> <value>` and `<path> pr`, operators lower-case;
// - strings as JSON with only '"', '\' and control characters escaped (other characters as
//   UTF-8), numbers as written, true/false/null lower-case;
// - every logical chain in parentheses, `(a eq 1 or (b pr and c pr))`, except where "not (…)"
//   or "[…]" already delimit it: `not (a pr or b pr)`, `emails[type eq "work" and value pr]`;
// - `not (<operand>)`, `<path>[<condition>]`, and for PATCH paths `<path>[<condition>].<sub>`.
std::string to_string(comparison_operator op);
std::string to_string(logical_operator op);
std::string to_string(attribute_path const& path);
std::string to_string(comparison_value const& value);
std::string to_string(filter const& filter);
std::string to_string(patch_path const& path);

}  // namespace scim::protocol
