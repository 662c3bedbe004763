#include "bound_checks.hpp"

#include <string>
#include <variant>

#include "support.hpp"

namespace scim::fuzz {
namespace {

using protocol::attribute_type;
using protocol::comparison_operator;

bool operator_fits(comparison_operator op, attribute_type t) {
    bool const stringlike = t == attribute_type::string || t == attribute_type::reference;
    switch (op) {
        case comparison_operator::eq:
        case comparison_operator::ne: return true;
        case comparison_operator::co:
        case comparison_operator::sw:
        case comparison_operator::ew: return stringlike;
        default:
            return stringlike || t == attribute_type::integer || t == attribute_type::decimal ||
                   t == attribute_type::date_time;
    }
}

bool value_fits(protocol::comparison_value const& v, attribute_type t) {
    switch (t) {
        case attribute_type::string:
        case attribute_type::reference:
        case attribute_type::binary:
        case attribute_type::date_time: return std::holds_alternative<std::string>(v);
        case attribute_type::boolean: return std::holds_alternative<bool>(v);
        case attribute_type::integer: {
            auto const* n = std::get_if<protocol::number_literal>(&v);
            return n && n->integer;
        }
        case attribute_type::decimal: return std::holds_alternative<protocol::number_literal>(v);
        case attribute_type::complex: return false;
    }
    return false;
}

bool is_sub_attribute_of(protocol::attribute const* sub, protocol::attribute const& parent) {
    for (auto const& s : parent.sub_attributes) {
        if (&s == sub) return true;
    }
    return false;
}

void check_path(protocol::bound_path const& path, protocol::attribute const* parent,
                protocol::schema_registry const& registry, protocol::resource_type const& type) {
    if (!parent) {
        check_bound_path(path, registry, type);
        return;
    }
    require(path.schema_urn.empty() && !path.sub_attribute && is_sub_attribute_of(path.attribute, *parent),
            "a value path's condition names sub-attributes of its attribute", to_string(path));
}

}  // namespace

void check_bound_path(protocol::bound_path const& path, protocol::schema_registry const& registry,
                      protocol::resource_type const& type, path_use use) {
    require(path.attribute || !path.schema_urn.empty(), "a bound path names an attribute or an extension");
    require(!path.sub_attribute || is_sub_attribute_of(path.sub_attribute, *path.attribute),
            "a bound sub-attribute belongs to its attribute", to_string(path));
    auto const text = to_string(path);
    require(valid_utf8(text), "a bound path prints as UTF-8", text);
    auto const parsed = protocol::parse_path(text, protocol::filter_limits{});
    auto const again = use == path_use::patch_target ? protocol::bind_patch_path(parsed, registry, type).target
                                                     : protocol::bind_path(parsed.attribute, registry, type,
                                                                           core::error_type::invalid_filter, "path");
    require(!parsed.value_filter && parsed.sub_attribute.empty() && again.schema_urn == path.schema_urn &&
                again.attribute == path.attribute && again.sub_attribute == path.sub_attribute &&
                again.common == path.common,
            "a bound path's canonical text binds to the same attribute", text);
}

void check_bound_filter(protocol::bound_filter const& f, protocol::attribute const* parent,
                        protocol::schema_registry const& registry, protocol::resource_type const& type) {
    if (auto const* c = std::get_if<protocol::bound_comparison>(&f.node)) {
        require(c->path.attribute != nullptr, "a comparison names an attribute");
        check_path(c->path, parent, registry, type);
        auto const& leaf = c->path.leaf();
        require(!std::holds_alternative<std::nullptr_t>(c->value), "a comparison value is never null", leaf.name);
        require(operator_fits(c->op, leaf.type), "the operator fits the attribute's type", leaf.name);
        require(value_fits(c->value, leaf.type), "the value fits the attribute's type", leaf.name);
    } else if (auto const* p = std::get_if<protocol::bound_presence>(&f.node)) {
        check_path(p->path, parent, registry, type);
    } else if (auto const* l = std::get_if<protocol::bound_logical>(&f.node)) {
        require(l->operands.size() >= 2, "a logical chain has two operands or more");
        for (auto const& operand : l->operands) check_bound_filter(operand, parent, registry, type);
    } else if (auto const* n = std::get_if<protocol::bound_not>(&f.node)) {
        check_bound_filter(*n->operand, parent, registry, type);
    } else if (auto const* v = std::get_if<protocol::bound_value_path>(&f.node)) {
        require(!parent, "value paths do not nest");
        require(v->path.attribute && v->path.attribute->type == attribute_type::complex,
                "a value path's attribute is complex");
        check_path(v->path, nullptr, registry, type);
        check_bound_filter(*v->condition, v->path.attribute, registry, type);
    }
}

}  // namespace scim::fuzz
