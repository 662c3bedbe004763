// Recursive descent over RFC 7644 §3.4.2.2 Figure 1 and §3.5.2 Figure 7, with the
// precedence of §3.4.2.2: grouping, then "not", then "and", then "or". Chains of "and"/"or"
// are loops, so only "(", "not (" and "[" recurse, and each of them is counted against
// max_depth before the parser descends.

#include <array>
#include <optional>
#include <utility>

#include "filter_lexer.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/filter.hpp"

namespace scim::protocol {
namespace {

using filter_syntax::error_sink;
using filter_syntax::is_alpha;
using filter_syntax::is_digit;
using filter_syntax::lexer;
using filter_syntax::quoted;
using filter_syntax::token;
using filter_syntax::token_kind;

// ATTRNAME = ALPHA *(nameChar); nameChar = "-" / "_" / DIGIT / ALPHA (RFC 7644 §3.4.2.2)
constexpr bool is_attribute_name(std::string_view name) noexcept {
    if (name.empty() || !is_alpha(name.front())) return false;
    for (char c : name) {
        if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_') return false;
    }
    return true;
}

// "$ref" is the one name outside ATTRNAME: a sub-attribute of references (RFC 7643 §2.4).
constexpr bool is_ref(std::string_view name) noexcept { return core::iequals(name, "$ref"); }

// URI = scheme ":" hier-part; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3986 §3)
constexpr bool is_uri(std::string_view text) noexcept {
    auto const colon = text.find(':');
    if (colon == std::string_view::npos || !is_alpha(text.front())) return false;
    for (char c : text.substr(0, colon)) {
        if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
    }
    return true;
}

constexpr std::array<std::pair<std::string_view, comparison_operator>, 9> comparison_operators{{
    {"eq", comparison_operator::eq},
    {"ne", comparison_operator::ne},
    {"co", comparison_operator::co},
    {"sw", comparison_operator::sw},
    {"ew", comparison_operator::ew},
    {"gt", comparison_operator::gt},
    {"ge", comparison_operator::ge},
    {"lt", comparison_operator::lt},
    {"le", comparison_operator::le},
}};

std::optional<comparison_operator> find_comparison_operator(std::string_view word) noexcept {
    for (auto const& [name, op] : comparison_operators) {
        if (core::iequals(word, name)) return op;
    }
    return std::nullopt;
}

bool is_keyword(token const& token, std::string_view keyword) noexcept {
    return token.kind == token_kind::word && core::iequals(token.text, keyword);
}

bool is_literal_name(token const& token) noexcept {
    return is_keyword(token, "true") || is_keyword(token, "false") || is_keyword(token, "null");
}

// Builds one chain, merging operands that are chains of the same operator, so that the
// tree (and the canonical form) does not depend on redundant parentheses.
filter combine(logical_operator op, std::vector<filter> operands) {
    if (operands.size() == 1) return std::move(operands.front());
    logical_filter chain{op, {}};
    for (auto& operand : operands) {
        auto* inner = std::get_if<logical_filter>(&operand.node);
        if (inner != nullptr && inner->op == op) {
            for (auto& nested : inner->operands) chain.operands.push_back(std::move(nested));
        } else {
            chain.operands.push_back(std::move(operand));
        }
    }
    return filter{std::move(chain)};
}

class parser {
public:
    parser(std::string_view text, filter_limits const& limits, error_sink& errors)
        : limits_(limits), errors_(errors), lexer_(text, errors) {}

    filter whole_filter() {
        filter result = parse_or();
        token const& next = lexer_.peek();
        if (next.kind == token_kind::right_paren) fail(next.position, "unexpected \")\" without a matching \"(\"");
        if (next.kind == token_kind::right_bracket) fail(next.position, "unexpected \"]\" without a matching \"[\"");
        if (next.kind != token_kind::end) {
            fail(next.position, "expected \"and\", \"or\" or the end of the filter, found " + describe(next));
        }
        return result;
    }

    // PATH = attrPath / valuePath [subAttr]
    patch_path whole_path() {
        token const name = lexer_.take();
        if (name.kind != token_kind::word) fail(name.position, "expected an attribute path, found " + describe(name));
        patch_path result{read_path(name), std::nullopt, {}};
        if (lexer_.peek().kind == token_kind::left_bracket) {
            // The valFilter is a filter: its errors are invalidFilter (RFC 7644 §3.12 Table 9).
            auto const path_errors = std::exchange(errors_.type, core::error_type::invalid_filter);
            result.value_filter = parse_value_filter(lexer_.take());
            errors_.type = path_errors;
            if (lexer_.peek().kind == token_kind::dot) result.sub_attribute = read_sub_attribute(lexer_.take());
        }
        token const last = lexer_.take();
        if (last.kind != token_kind::end) {
            std::string_view const expected = result.value_filter && result.sub_attribute.empty()
                                                  ? "expected \".\" or the end of the path, found "
                                                  : "expected the end of the path, found ";
            fail(last.position, std::string(expected) + describe(last));
        }
        return result;
    }

private:
    [[noreturn]] void fail(std::size_t position, std::string problem, std::string_view hint = {}) const {
        errors_.fail(position, std::move(problem), hint);
    }

    std::string describe(token const& token) const { return filter_syntax::describe(token, errors_.subject); }

    // FILTER SP "or" SP FILTER, where "and" binds tighter.
    filter parse_or() {
        std::vector<filter> operands;
        operands.push_back(parse_and());
        while (is_keyword(lexer_.peek(), "or")) {
            lexer_.take();
            operands.push_back(parse_and());
        }
        return combine(logical_operator::disjunction, std::move(operands));
    }

    filter parse_and() {
        std::vector<filter> operands;
        operands.push_back(parse_term());
        while (is_keyword(lexer_.peek(), "and")) {
            lexer_.take();
            operands.push_back(parse_term());
        }
        return combine(logical_operator::conjunction, std::move(operands));
    }

    // "(" FILTER ")" / "not" "(" FILTER ")" / attrExp / valuePath
    filter parse_term() {
        token const first = lexer_.take();
        if (first.kind == token_kind::left_paren) return parse_group(first);
        if (is_keyword(first, "not")) {
            token const open = lexer_.take();
            if (open.kind != token_kind::left_paren) {
                fail(open.position, "expected \"(\" after \"not\", found " + describe(open),
                     "RFC 7644 §3.4.2.2: \"not\" \"(\" FILTER \")\"");
            }
            return filter{not_filter{std::make_unique<filter>(parse_group(open))}};
        }
        if (first.kind == token_kind::word) return parse_attribute_expression(first);
        fail(first.position, "expected an attribute path, \"(\" or \"not\", found " + describe(first));
    }

    filter parse_group(token const& open) {
        enter(open.position);
        filter inner = parse_or();
        close(token_kind::right_paren, open);
        leave();
        return inner;
    }

    // "[" valFilter "]"; `open` is the "[" just taken.
    filter parse_value_filter(token const& open) {
        if (in_value_filter_) {
            fail(open.position, "nested value path", "RFC 7644 §3.4.2.2 (errata 4690 and 7322) does not allow one");
        }
        enter(open.position);
        in_value_filter_ = true;
        filter condition = parse_or();
        close(token_kind::right_bracket, open);
        in_value_filter_ = false;
        leave();
        return condition;
    }

    void close(token_kind kind, token const& open) {
        token const next = lexer_.take();
        if (next.kind == kind) return;
        std::string_view const closer = kind == token_kind::right_paren ? ")" : "]";
        if (next.kind == token_kind::end) {
            fail(open.position,
                 "missing \"" + std::string(closer) + "\" to close the \"" + std::string(open.text) + "\"");
        }
        fail(next.position, "expected \"and\", \"or\" or \"" + std::string(closer) + "\", found " + describe(next));
    }

    // attrPath SP compareOp SP compValue / attrPath SP "pr" / attrPath "[" valFilter "]"
    //
    // Also valuePath subAttr SP compareOp SP compValue (and SP "pr"), which Figure 1 lacks but
    // identity providers send and RFC 7644 §3.5.2 uses for PATCH paths:
    // emails[type eq "work"].value eq "x" is read as emails[type eq "work" and value eq "x"],
    // the only meaning it can have (one element satisfies both).
    filter parse_attribute_expression(token const& name) {
        attribute_path path = read_path(name);
        if (lexer_.peek().kind == token_kind::left_bracket) {
            token const open = lexer_.take();
            filter condition = parse_value_filter(open);
            if (lexer_.peek().kind == token_kind::dot) {
                token const dot = lexer_.take();
                attribute_path sub_path{"", read_sub_attribute(dot), ""};
                std::vector<filter> both;
                both.push_back(std::move(condition));
                both.push_back(parse_operation(sub_path, name));
                condition = combine(logical_operator::conjunction, std::move(both));
            }
            return filter{value_path_filter{std::move(path), std::make_unique<filter>(std::move(condition))}};
        }
        return parse_operation(std::move(path), name);
    }

    // SP compareOp SP compValue / SP "pr" after `path`, which `name` starts.
    filter parse_operation(attribute_path path, token const& name) {
        token const op = lexer_.take();
        if (op.kind != token_kind::word) {
            fail(op.position, "expected a comparison operator after " + quoted(name.text) + ", found " + describe(op));
        }
        if (is_keyword(op, "pr")) {
            count_term(name.position);
            token const& next = lexer_.peek();
            if (next.kind == token_kind::string || next.kind == token_kind::number || is_literal_name(next)) {
                fail(next.position, "\"pr\" takes no comparison value, found " + describe(next));
            }
            return filter{presence_filter{std::move(path)}};
        }
        auto const comparison = find_comparison_operator(op.text);
        if (!comparison) {
            fail(op.position, "unknown comparison operator " + quoted(op.text),
                 "expected eq, ne, co, sw, ew, gt, ge, lt, le or pr");
        }
        count_term(name.position);
        return filter{comparison_filter{std::move(path), *comparison, parse_value(op)}};
    }

    // compValue = false / null / true / number / string (RFC 7644 §3.4.2.2)
    comparison_value parse_value(token const& op) {
        token value = lexer_.take();
        switch (value.kind) {
            case token_kind::string: return std::move(value.value);
            case token_kind::number: {
                bool const integer = value.text.find_first_of(".eE") == std::string_view::npos;
                return number_literal{std::string(value.text), integer};
            }
            case token_kind::word:
                if (is_keyword(value, "true")) return true;
                if (is_keyword(value, "false")) return false;
                if (is_keyword(value, "null")) return nullptr;
                break;
            default: break;
        }
        fail(value.position, "expected a comparison value (a JSON string, number, true, false or null) after " +
                                 quoted(op.text) + ", found " + describe(value));
    }

    // [URI ":"] ATTRNAME *1subAttr (RFC 7644 §3.4.2.2), split per RFC 7644 §3.10: the schema
    // URI is everything before the last ":".
    attribute_path read_path(token const& name) const {
        std::string_view const text = name.text;
        attribute_path path;
        std::size_t const colon = text.rfind(':');
        std::size_t start = 0;
        if (colon != std::string_view::npos) {
            if (!is_uri(text.substr(0, colon))) {
                fail(name.position, quoted(text.substr(0, colon)) + " is not a schema URI",
                     "RFC 7644 §3.10: <schema URI>:<attribute>[.<sub-attribute>]");
            }
            path.schema_urn = text.substr(0, colon);
            start = colon + 1;
        }
        std::string_view const rest = text.substr(start);
        std::size_t const dot = rest.find('.');
        std::string_view const attribute = rest.substr(0, dot);
        bool const ref_allowed = in_value_filter_ && path.schema_urn.empty();
        if (!is_attribute_name(attribute) && !(ref_allowed && is_ref(attribute))) {
            if (is_ref(attribute)) {
                fail(name.position + start, "\"$ref\" as an attribute",
                     "it is only a sub-attribute name (RFC 7643 §2.4)");
            }
            if (attribute.empty()) fail(name.position + start, "expected an attribute name in " + quoted(text));
            fail(name.position + start, "invalid attribute name " + quoted(attribute),
                 "RFC 7644 §3.4.2.2: ALPHA *(\"-\" / \"_\" / DIGIT / ALPHA)");
        }
        path.attribute = attribute;
        if (dot != std::string_view::npos) {
            std::size_t const sub_start = start + dot + 1;
            std::string_view const sub = text.substr(sub_start, text.find('.', sub_start) - sub_start);
            if (!is_attribute_name(sub) && !is_ref(sub)) {
                fail(name.position + sub_start, sub.empty() ? "expected a sub-attribute name after \".\""
                                                            : "invalid sub-attribute name " + quoted(sub));
            }
            if (sub_start + sub.size() != text.size()) {
                fail(name.position, quoted(text) + " has more than one sub-attribute",
                     "RFC 7644 §3.10 allows one: <attribute>.<sub-attribute>");
            }
            path.sub_attribute = sub;
        }
        return path;
    }

    // subAttr = "." ATTRNAME after a PATCH path's value filter; `dot` is the "." just taken.
    std::string read_sub_attribute(token const& dot) {
        token const name = lexer_.take();
        if (name.kind != token_kind::word || (!is_attribute_name(name.text) && !is_ref(name.text))) {
            fail(name.kind == token_kind::end ? dot.position : name.position,
                 "expected a sub-attribute name after \".\", found " + describe(name));
        }
        return std::string(name.text);
    }

    void enter(std::size_t position) {
        if (depth_ == limits_.max_depth) {
            fail(position, "the " + std::string(errors_.subject) + " nests deeper than " +
                               std::to_string(limits_.max_depth) + " levels of \"(\", \"not (\" and \"[\"");
        }
        ++depth_;
    }

    void leave() noexcept { --depth_; }

    void count_term(std::size_t position) {
        if (++terms_ > limits_.max_terms) {
            fail(position, "the " + std::string(errors_.subject) + " has more than " +
                               std::to_string(limits_.max_terms) + " attribute expressions");
        }
    }

    filter_limits const& limits_;
    error_sink& errors_;
    lexer lexer_;
    std::size_t depth_ = 0;
    std::size_t terms_ = 0;
    bool in_value_filter_ = false;
};

// Limits are checked before any parsing, so oversized input costs nothing.
void check_text(std::string_view text, filter_limits const& limits, error_sink const& errors) {
    if (text.size() > limits.max_length) {
        throw core::error(errors.type, "the " + std::string(errors.subject) + " is " + std::to_string(text.size()) +
                                           " bytes long; at most " + std::to_string(limits.max_length) +
                                           " are allowed");
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        throw core::error(errors.type, "the " + std::string(errors.subject) + " is empty");
    }
}

}  // namespace

filter parse_filter(std::string_view text, filter_limits const& limits) {
    error_sink errors{core::error_type::invalid_filter, "filter"};
    check_text(text, limits, errors);
    return parser(text, limits, errors).whole_filter();
}

patch_path parse_path(std::string_view text, filter_limits const& limits) {
    error_sink errors{core::error_type::invalid_path, "path"};
    check_text(text, limits, errors);
    return parser(text, limits, errors).whole_path();
}

}  // namespace scim::protocol
