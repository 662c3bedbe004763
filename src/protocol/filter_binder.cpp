#include "scim/protocol/filter_binding.hpp"

#include <string_view>
#include <utility>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "value_formats.hpp"

namespace scim::protocol {
namespace {

using core::error_type;

[[noreturn]] void refuse(std::string detail) { throw core::error(error_type::invalid_filter, std::move(detail)); }

std::string_view type_name(attribute_type t) {
    switch (t) {
        case attribute_type::string: return "a string";
        case attribute_type::boolean: return "a boolean";
        case attribute_type::decimal: return "a decimal";
        case attribute_type::integer: return "an integer";
        case attribute_type::date_time: return "a dateTime";
        case attribute_type::binary: return "binary";
        case attribute_type::reference: return "a reference";
        case attribute_type::complex: return "complex";
    }
    return "unknown";
}

bool is_stringlike(attribute_type t) { return t == attribute_type::string || t == attribute_type::reference; }

// RFC 7644 §3.4.2.2: co/sw/ew are string operators; gt/ge/lt/le have no meaning for
// boolean and binary.
bool operator_fits(comparison_operator op, attribute_type t) {
    switch (op) {
        case comparison_operator::eq:
        case comparison_operator::ne: return true;
        case comparison_operator::co:
        case comparison_operator::sw:
        case comparison_operator::ew: return is_stringlike(t);
        case comparison_operator::gt:
        case comparison_operator::ge:
        case comparison_operator::lt:
        case comparison_operator::le:
            return is_stringlike(t) || t == attribute_type::integer || t == attribute_type::decimal ||
                   t == attribute_type::date_time;
    }
    return false;
}

bool value_fits(comparison_value const& v, attribute_type t) {
    switch (t) {
        case attribute_type::string:
        case attribute_type::reference:
        case attribute_type::binary: return std::holds_alternative<std::string>(v);
        case attribute_type::date_time: {
            auto const* s = std::get_if<std::string>(&v);
            return s && is_storable_date_time(*s);
        }
        case attribute_type::boolean: return std::holds_alternative<bool>(v);
        case attribute_type::integer: {
            auto const* n = std::get_if<number_literal>(&v);
            return n && n->integer;
        }
        case attribute_type::decimal: return std::holds_alternative<number_literal>(v);
        case attribute_type::complex: return false;
    }
    return false;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

class binder {
public:
    binder(schema_registry const& registry, resource_type const& type) : registry_(registry), type_(type) {}

    bound_filter bind(filter const& f, attribute const* parent) {
        return std::visit([&](auto const& node) { return bind_node(node, parent); }, f.node);
    }

    // `parent` is the value path's attribute when binding inside its brackets.
    // `writing`: a PATCH target, which may be an attribute never returned (password).
    bound_path resolve(attribute_path const& p, attribute const* parent, error_type error, std::string const& what,
                       bool writing = false) {
        auto const written = to_string(p);
        if (parent) {
            auto const* sub = parent->find_sub_attribute(p.attribute);
            if (!p.schema_urn.empty() || !p.sub_attribute.empty() || !sub) {
                throw core::error(error,
                                  what + " " + quoted(written) + " is not a sub-attribute of " + quoted(parent->name));
            }
            return bound_path{"", sub, nullptr, false};
        }
        bound_path out;
        if (p.schema_urn.empty()) {
            if (auto const* common = registry_.find_common_attribute(p.attribute)) {
                out.attribute = common;
                out.common = true;
            } else {
                out.attribute = registry_.find_schema(type_.schema)->find_attribute(p.attribute);
            }
        } else if (auto const* whole = extension_named(p.schema_urn + ":" + p.attribute);
                   whole && p.sub_attribute.empty()) {
            // "urn:…:enterprise:2.0:User" splits as {"urn:…:enterprise:2.0", "User"} (filter.hpp).
            out.schema_urn = whole->id;
            return out;
        } else if (core::iequals(p.schema_urn, type_.schema)) {
            out.attribute = registry_.find_schema(type_.schema)->find_attribute(p.attribute);
        } else if (auto const* extension = extension_named(p.schema_urn)) {
            out.schema_urn = extension->id;
            out.attribute = extension->find_attribute(p.attribute);
        } else {
            throw core::error(error, what + " " + quoted(written) + " names schema " + quoted(p.schema_urn) +
                                         ", which " + type_.name + " resources do not have");
        }
        if (!out.attribute) {
            throw core::error(error,
                              what + " " + quoted(written) + " is not an attribute of " + type_.name + " resources");
        }
        if (!p.sub_attribute.empty()) {
            out.sub_attribute = out.attribute->find_sub_attribute(p.sub_attribute);
            if (!out.sub_attribute) {
                throw core::error(error, what + " " + quoted(written) + ": " + quoted(out.attribute->name) +
                                             " has no sub-attribute " + quoted(p.sub_attribute));
            }
        }
        // RFC 7643 §7: a value that is never returned must not be probed either.
        if (!writing && (out.leaf().returned == returned::never || out.attribute->returned == returned::never)) {
            throw core::error(error, what + " " + quoted(written) + " cannot be used: it is never returned");
        }
        return out;
    }

private:
    schema const* extension_named(std::string const& urn) const {
        for (auto const& e : type_.extensions) {
            if (core::iequals(e.schema, urn)) return registry_.find_schema(e.schema);
        }
        return nullptr;
    }

    bound_path resolve_filter_path(attribute_path const& p, attribute const* parent) {
        return resolve(p, parent, error_type::invalid_filter, "the filter attribute");
    }

    static bool names_schemas(attribute_path const& p, attribute const* parent) {
        return !parent && p.schema_urn.empty() && p.sub_attribute.empty() && core::iequals(p.attribute, "schemas");
    }

    // Every resource has an id, so its presence stands for "true" and its absence for "false".
    bound_filter constant(bool value) const {
        return bound_filter{
            bound_presence{bound_path{"", registry_.find_common_attribute("id"), nullptr, true}, !value}};
    }

    // "schemas" is no declared attribute, but RFC 7644 §3.4.2.2 filters on it
    // (schemas eq "urn:…:enterprise:2.0:User"): the core schema is always there, and an
    // extension is there when the resource has some of its attributes (RFC 7643 §3).
    bound_filter bind_schemas(comparison_filter const& c) {
        auto const* urn = std::get_if<std::string>(&c.value);
        if (!urn || (c.op != comparison_operator::eq && c.op != comparison_operator::ne)) {
            refuse("\"schemas\" can only be compared with \"eq\" or \"ne\" and a schema URN");
        }
        bound_filter has = constant(core::iequals(*urn, type_.schema));
        if (auto const* extension = extension_named(*urn)) {
            has = bound_filter{bound_presence{bound_path{extension->id, nullptr, nullptr, false}, false}};
        }
        if (c.op == comparison_operator::eq) return has;
        return bound_filter{bound_not{std::make_unique<bound_filter>(std::move(has))}};
    }

    bound_filter bind_node(comparison_filter const& c, attribute const* parent) {
        if (names_schemas(c.attribute, parent)) return bind_schemas(c);
        auto path = resolve_filter_path(c.attribute, parent);
        auto const written = to_string(c.attribute);
        if (!path.attribute) refuse("a whole extension (" + quoted(written) + ") can only be tested with \"pr\"");
        if (path.leaf().type == attribute_type::complex) {
            // RFC 7644 §3.4.2.2: a complex attribute compared as a whole means its "value".
            auto const* value = path.leaf().find_sub_attribute("value");
            if (!value || path.sub_attribute) {
                refuse(quoted(written) + " is complex: compare one of its sub-attributes, or use \"pr\"");
            }
            path.sub_attribute = value;
        }
        auto const& leaf = path.leaf();
        if (std::holds_alternative<std::nullptr_t>(c.value)) {
            if (c.op != comparison_operator::eq && c.op != comparison_operator::ne) {
                refuse("null can only be compared with \"eq\" or \"ne\" (" + quoted(written) + ")");
            }
            return bound_filter{bound_presence{std::move(path), c.op == comparison_operator::eq}};
        }
        if (!operator_fits(c.op, leaf.type)) {
            refuse("\"" + to_string(c.op) + "\" cannot be used on " + quoted(written) + ", which is " +
                   std::string(type_name(leaf.type)));
        }
        if (!value_fits(c.value, leaf.type)) {
            auto const expected = leaf.type == attribute_type::date_time
                                      ? std::string(
                                            "an xsd:dateTime string such as \"2024-01-31T12:00:00Z\", "
                                            "in the years 0001 to 9999")
                                  : leaf.type == attribute_type::boolean ? std::string("true or false")
                                  : leaf.type == attribute_type::integer ? std::string("an integer")
                                  : leaf.type == attribute_type::decimal ? std::string("a number")
                                                                         : std::string("a JSON string");
            refuse(quoted(written) + " is " + std::string(type_name(leaf.type)) + ": " + to_string(c.value) +
                   " is not a valid value for it; expected " + expected);
        }
        return bound_filter{bound_comparison{std::move(path), c.op, c.value}};
    }

    bound_filter bind_node(presence_filter const& p, attribute const* parent) {
        if (names_schemas(p.attribute, parent)) return constant(true);
        return bound_filter{bound_presence{resolve_filter_path(p.attribute, parent), false}};
    }

    bound_filter bind_node(logical_filter const& l, attribute const* parent) {
        bound_logical out{l.op, {}};
        out.operands.reserve(l.operands.size());
        for (auto const& operand : l.operands) out.operands.push_back(bind(operand, parent));
        return bound_filter{std::move(out)};
    }

    bound_filter bind_node(not_filter const& n, attribute const* parent) {
        return bound_filter{bound_not{std::make_unique<bound_filter>(bind(*n.operand, parent))}};
    }

    bound_filter bind_node(value_path_filter const& v, attribute const* parent) {
        auto path = resolve_filter_path(v.attribute, parent);
        auto const written = to_string(v.attribute);
        if (!path.attribute || path.sub_attribute || path.attribute->type != attribute_type::complex) {
            refuse("a value filter needs a complex attribute; " + quoted(written) + " is not one");
        }
        auto condition = bind(*v.condition, path.attribute);
        return bound_filter{bound_value_path{std::move(path), std::make_unique<bound_filter>(std::move(condition))}};
    }

    schema_registry const& registry_;
    resource_type const& type_;
};

}  // namespace

bound_filter bind_filter(filter const& parsed, schema_registry const& registry, resource_type const& type) {
    return binder(registry, type).bind(parsed, nullptr);
}

bound_path bind_path(attribute_path const& path, schema_registry const& registry, resource_type const& type,
                     core::error_type error, std::string const& what) {
    return binder(registry, type).resolve(path, nullptr, error, what);
}

bound_patch_path bind_patch_path(patch_path const& path, schema_registry const& registry, resource_type const& type) {
    binder b(registry, type);
    bound_patch_path out;
    out.target = b.resolve(path.attribute, nullptr, error_type::invalid_path, "the path", true);
    if (!path.value_filter) return out;
    auto const* a = out.target.attribute;
    if (!a || out.target.sub_attribute || a->type != attribute_type::complex) {
        throw core::error(error_type::invalid_path,
                          "the path \"" + to_string(path) + "\": a value filter needs a complex attribute");
    }
    out.value_filter = b.bind(*path.value_filter, a);
    if (!path.sub_attribute.empty()) {
        out.sub_after_filter = a->find_sub_attribute(path.sub_attribute);
        if (!out.sub_after_filter) {
            throw core::error(error_type::invalid_path, "the path \"" + to_string(path) + "\": \"" + a->name +
                                                            "\" has no sub-attribute \"" + path.sub_attribute + "\"");
        }
    }
    return out;
}

std::string to_string(bound_path const& path) {
    std::string out = path.schema_urn;
    if (!path.attribute) return out;
    if (!out.empty()) out += ':';
    out += path.attribute->name;
    if (path.sub_attribute) out += "." + path.sub_attribute->name;
    return out;
}

}  // namespace scim::protocol
