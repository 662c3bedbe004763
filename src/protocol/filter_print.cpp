// Canonical text of parsed filters and PATCH paths (the rules are listed in filter.hpp).

#include <cstdio>

#include "scim/protocol/filter.hpp"

namespace scim::protocol {
namespace {

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};
// C++20 deduces this from the aggregate initialiser (P1816), but clang before 17 does not
// implement that deduction, so the guide is spelled out.
template <class... Ts>
overloaded(Ts...) -> overloaded<Ts...>;

// A JSON string (RFC 8259 §7) escaping only what must be escaped.
void append_string(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escape[8];
                    std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
                    out += escape;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
}

// `delimited`: the caller's "not (…)" or "[…]" already groups the text, so a logical chain
// needs no parentheses of its own.
void append_filter(std::string& out, filter const& node, bool delimited) {
    std::visit(overloaded{
                   [&](comparison_filter const& f) {
                       out += to_string(f.attribute);
                       out += ' ';
                       out += to_string(f.op);
                       out += ' ';
                       out += to_string(f.value);
                   },
                   [&](presence_filter const& f) {
                       out += to_string(f.attribute);
                       out += " pr";
                   },
                   [&](logical_filter const& f) {
                       if (!delimited) out += '(';
                       for (std::size_t i = 0; i < f.operands.size(); ++i) {
                           if (i > 0) out += ' ' + to_string(f.op) + ' ';
                           append_filter(out, f.operands[i], false);
                       }
                       if (!delimited) out += ')';
                   },
                   [&](not_filter const& f) {
                       out += "not (";
                       append_filter(out, *f.operand, true);
                       out += ')';
                   },
                   [&](value_path_filter const& f) {
                       out += to_string(f.attribute);
                       out += '[';
                       append_filter(out, *f.condition, true);
                       out += ']';
                   },
               },
               node.node);
}

}  // namespace

std::string to_string(comparison_operator op) {
    switch (op) {
        case comparison_operator::eq: return "eq";
        case comparison_operator::ne: return "ne";
        case comparison_operator::co: return "co";
        case comparison_operator::sw: return "sw";
        case comparison_operator::ew: return "ew";
        case comparison_operator::gt: return "gt";
        case comparison_operator::ge: return "ge";
        case comparison_operator::lt: return "lt";
        case comparison_operator::le: return "le";
    }
    return {};
}

std::string to_string(logical_operator op) { return op == logical_operator::conjunction ? "and" : "or"; }

std::string to_string(attribute_path const& path) {
    std::string out;
    if (!path.schema_urn.empty()) out += path.schema_urn + ':';
    out += path.attribute;
    if (!path.sub_attribute.empty()) out += '.' + path.sub_attribute;
    return out;
}

std::string to_string(comparison_value const& value) {
    return std::visit(overloaded{
                          [](std::nullptr_t) -> std::string { return "null"; },
                          [](bool b) -> std::string { return b ? "true" : "false"; },
                          [](number_literal const& n) { return n.text; },
                          [](std::string const& s) {
                              std::string out;
                              append_string(out, s);
                              return out;
                          },
                      },
                      value);
}

std::string to_string(filter const& filter) {
    std::string out;
    append_filter(out, filter, false);
    return out;
}

std::string to_string(patch_path const& path) {
    std::string out = to_string(path.attribute);
    if (path.value_filter) {
        out += '[';
        append_filter(out, *path.value_filter, true);
        out += ']';
    }
    if (!path.sub_attribute.empty()) out += '.' + path.sub_attribute;
    return out;
}

}  // namespace scim::protocol
