#include "filter_trees.hpp"

#include <type_traits>
#include <variant>

namespace scim::fuzz {
namespace {

using protocol::attribute_path;
using protocol::comparison_filter;
using protocol::comparison_value;
using protocol::logical_filter;
using protocol::not_filter;
using protocol::number_literal;
using protocol::presence_filter;
using protocol::value_path_filter;

bool same(attribute_path const& a, attribute_path const& b) {
    return a.schema_urn == b.schema_urn && a.attribute == b.attribute && a.sub_attribute == b.sub_attribute;
}

bool same(number_literal const& a, number_literal const& b) { return a.text == b.text && a.integer == b.integer; }

template <typename T>
bool same(T const& a, T const& b) {
    return a == b;
}

bool same(comparison_value const& a, comparison_value const& b) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&](auto const& x) {
            using value = std::decay_t<decltype(x)>;
            return same(x, std::get<value>(b));
        },
        a);
}

bool same(comparison_filter const& a, comparison_filter const& b) {
    return same(a.attribute, b.attribute) && a.op == b.op && same(a.value, b.value);
}

bool same(presence_filter const& a, presence_filter const& b) { return same(a.attribute, b.attribute); }

bool same(logical_filter const& a, logical_filter const& b) {
    if (a.op != b.op || a.operands.size() != b.operands.size()) return false;
    for (std::size_t i = 0; i < a.operands.size(); ++i) {
        if (!same_tree(a.operands[i], b.operands[i])) return false;
    }
    return true;
}

bool same(not_filter const& a, not_filter const& b) { return same_tree(*a.operand, *b.operand); }

bool same(value_path_filter const& a, value_path_filter const& b) {
    return same(a.attribute, b.attribute) && same_tree(*a.condition, *b.condition);
}

}  // namespace

bool same_tree(protocol::filter const& a, protocol::filter const& b) {
    if (a.node.index() != b.node.index()) return false;
    return std::visit(
        [&](auto const& x) {
            using node = std::decay_t<decltype(x)>;
            return same(x, std::get<node>(b.node));
        },
        a.node);
}

bool same_path(protocol::patch_path const& a, protocol::patch_path const& b) {
    if (!same(a.attribute, b.attribute) || a.sub_attribute != b.sub_attribute) return false;
    if (a.value_filter.has_value() != b.value_filter.has_value()) return false;
    return !a.value_filter || same_tree(*a.value_filter, *b.value_filter);
}

protocol::filter_limits canonical_text_limits(protocol::filter_limits const& limits) {
    auto wide = limits;
    wide.max_depth = 2 * (limits.max_depth + 1);
    wide.max_length = std::size_t(-1);
    return wide;
}

}  // namespace scim::fuzz
