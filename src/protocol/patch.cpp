#include "scim/protocol/patch.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "attribute_values.hpp"
#include "element_matching.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;
using core::error_type;

constexpr std::string_view patch_op_urn = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

using op_kind = patch_op_kind;

[[noreturn]] void fail(error_type type, std::string detail) { throw core::error(type, std::move(detail)); }

json::value const* member(json::object const& o, std::string_view name) {
    for (auto const& m : o) {
        if (core::iequals(m.key(), name)) return &m.value();
    }
    return nullptr;
}

// The eq terms of a conjunction, which say what a new element must hold
// (emails[type eq "work"] → {"type": "work"}); false when the condition says more than that.
bool eq_terms(bound_filter const& condition, json::object& out) {
    if (auto const* c = std::get_if<bound_comparison>(&condition.node)) {
        if (c->op != comparison_operator::eq) return false;
        auto const& name = c->path.attribute->name;
        std::visit(
            [&](auto const& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, bool>) {
                    out[name] = v;
                } else if constexpr (std::is_same_v<T, std::string>) {
                    out[name] = v;
                } else if constexpr (std::is_same_v<T, number_literal>) {
                    out[name] = json::parse(v.text);
                }
            },
            c->value);
        return true;
    }
    if (auto const* l = std::get_if<bound_logical>(&condition.node); l && l->op == logical_operator::conjunction) {
        for (auto const& operand : l->operands) {
            if (!eq_terms(operand, out)) return false;
        }
        return true;
    }
    return false;
}

bool all_read_only(schema const& extension) {
    return std::all_of(extension.attributes.begin(), extension.attributes.end(),
                       [](attribute const& a) { return a.mutability == mutability::read_only; });
}

bool is_primary(json::value const& element) {
    auto const* p = element.is_object() ? element.as_object().if_contains("primary") : nullptr;
    return p && p->is_bool() && p->as_bool();
}

// RFC 7643 §2.4: one primary value at most; the one just set wins.
void keep_single_primary(json::array& values, std::size_t winner) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i != winner && is_primary(values[i])) values[i].as_object()["primary"] = false;
    }
}

// The array `name` holds in `holder`, changed in place: an operation costs what the
// attribute's values cost, never a copy of them (a PATCH's cost stays linear in its size). An
// absent attribute, or one that is not an array, starts empty.
json::array& values_of(json::object& holder, std::string const& name) {
    auto& slot = holder[name];
    if (!slot.is_array()) slot = json::array{};
    return slot.as_array();
}

void drop_if_empty(json::object& holder, std::string const& name) {
    auto const* slot = holder.if_contains(name);
    if (slot && slot->is_array() && slot->as_array().empty()) holder.erase(name);
}

class patcher {
public:
    patcher(schema_registry const& registry, resource_type const& type, json::object& doc, patch_result& result,
            std::string_view external_attribute, value_limits const& limits)
        : registry_(registry), type_(type), doc_(doc), notes_(result.normalizations), external_(result.external),
          external_attribute_(external_attribute), limits_(limits) {}

    void apply(json::value const& operation) {
        if (!operation.is_object()) fail(error_type::invalid_syntax, "each of \"Operations\" must be an object");
        auto const& o = operation.as_object();
        auto const* op = member(o, "op");
        if (!op || !op->is_string()) fail(error_type::invalid_syntax, "an operation has no \"op\"");
        std::string const written(op->as_string());
        std::string const name = core::to_lower_ascii(written);
        op_kind kind;
        if (name == "add") {
            kind = op_kind::add;
        } else if (name == "remove") {
            kind = op_kind::remove;
        } else if (name == "replace") {
            kind = op_kind::replace;
        } else {
            fail(error_type::invalid_syntax,
                 "\"op\" must be \"add\", \"remove\" or \"replace\", not \"" + written + "\"");
        }
        if (name != written) note("op in another case: \"" + written + "\" read as \"" + name + "\"");
        auto const* path = member(o, "path");
        if (path && !path->is_string()) fail(error_type::invalid_syntax, "\"path\" must be a string");
        auto const* value = member(o, "value");
        if (kind != op_kind::remove && !value) fail(error_type::invalid_syntax, "\"" + name + "\" needs a \"value\"");
        if (!path) {
            // RFC 7644 §3.5.2.2: remove names its target.
            if (kind == op_kind::remove) fail(error_type::no_target, "\"remove\" needs a \"path\"");
            apply_pathless(kind, *value);
            return;
        }
        std::string const text(path->as_string());
        apply_path(kind, bind(text), value, text);
    }

private:
    bound_patch_path bind(std::string const& text) {
        return bind_patch_path(parse_path(text, filter_limits{}), registry_, type_);
    }

    void note(std::string line) { notes_.push_back(std::move(line)); }

    schema const* extension_named(std::string_view urn) const {
        for (auto const& e : type_.extensions) {
            if (core::iequals(e.schema, urn)) return registry_.find_schema(e.schema);
        }
        return nullptr;
    }

    // RFC 7644 §3.5.2.1/3: without a path, the value holds the attributes to change.
    void apply_pathless(op_kind kind, json::value const& value) {
        if (!value.is_object())
            fail(error_type::invalid_value, "without a \"path\", \"value\" must be an object of attributes");
        for (auto const& m : value.as_object()) {
            std::string const key = m.key();
            if (core::iequals(key, "schemas")) continue;
            if (auto const* extension = extension_named(key)) {
                if (!m.value().is_object()) fail(error_type::invalid_value, "\"" + key + "\" must be an object");
                for (auto const& inner : m.value().as_object()) {
                    auto const path = extension->id + ":" + std::string(inner.key());
                    apply_path(kind, bind(path), &inner.value(), path);
                }
                continue;
            }
            auto target = bind(key);
            if (target.target.attribute && target.target.attribute->mutability == mutability::read_only) {
                // As in POST and PUT (RFC 7644 §3.3), read-only attributes in a value are ignored:
                // Okta renames a group with {"id": …, "displayName": …}.
                note("read-only \"" + key + "\" in a path-less value ignored");
                continue;
            }
            if (key.find_first_of(".:") != std::string::npos) {
                note("path-less value key \"" + key + "\" read as a path");
            }
            apply_path(kind, std::move(target), &m.value(), key);
        }
    }

    json::object* container(bound_path const& target, bool create) {
        if (target.schema_urn.empty()) return &doc_;
        auto* existing = doc_.if_contains(target.schema_urn);
        if (existing && existing->is_object()) return &existing->as_object();
        if (!create) return nullptr;
        return &(doc_[target.schema_urn] = json::object{}).as_object();
    }

    void drop_empty_extension(bound_path const& target) {
        if (target.schema_urn.empty()) return;
        auto* existing = doc_.if_contains(target.schema_urn);
        if (existing && existing->is_object() && existing->as_object().empty()) doc_.erase(target.schema_urn);
    }

    // What identity providers send instead of the schema's shape, made into that shape.
    json::value tolerate(attribute const& a, json::value v, bool element, std::string const& where) {
        if (a.multi_valued && !element) {
            if (!v.is_array()) {
                note("single value for multi-valued \"" + where + "\" wrapped in an array");
                v = json::array{std::move(v)};
            }
            for (auto& item : v.as_array()) item = tolerate(a, std::move(item), true, where);
            return v;
        }
        if (a.type == attribute_type::boolean && v.is_string()) {
            auto const text = core::to_lower_ascii(v.as_string());
            if (text == "true" || text == "false") {
                note("string \"" + std::string(v.as_string()) + "\" for boolean \"" + where + "\" read as " + text);
                return text == "true";
            }
        }
        if (a.type == attribute_type::complex) {
            if (v.is_string() && a.find_sub_attribute("value")) {
                note("plain string for complex \"" + where + "\" read as its \"value\"");
                return json::object{{"value", std::move(v)}};
            }
            if (v.is_object()) {
                for (auto& m : v.as_object()) {
                    if (auto const* sub = a.find_sub_attribute(m.key())) {
                        m.value() = tolerate(*sub, std::move(m.value()), false, where + "." + sub->name);
                    }
                }
            }
        }
        return v;
    }

    void apply_path(op_kind kind, bound_patch_path const& path, json::value const* value, std::string const& text) {
        auto const& target = path.target;
        if (!target.attribute) {
            apply_extension(kind, target, value, text);
            return;
        }
        auto const& a = *target.attribute;
        attribute const* leaf = path.sub_after_filter ? path.sub_after_filter : &target.leaf();
        if (a.mutability == mutability::read_only || leaf->mutability == mutability::read_only) {
            fail(error_type::mutability, "\"" + text + "\" is read-only");
        }
        if (is_external(target)) {
            hand_back(kind, path, value, text);
            return;
        }
        auto* holder = container(target, kind != op_kind::remove);
        if (!holder) return;  // removing from an extension the resource does not have
        if (path.value_filter) {
            apply_filtered(kind, path, *holder, value, text);
        } else if (target.sub_attribute) {
            apply_sub_attribute(kind, target, *holder, value, text);
        } else {
            apply_whole(kind, a, *holder, value, text);
        }
        drop_empty_extension(target);
    }

    bool is_external(bound_path const& target) const {
        return !external_attribute_.empty() && target.attribute && target.schema_urn.empty() && !target.common &&
               core::iequals(target.attribute->name, external_attribute_);
    }

    void hand_back(op_kind kind, bound_patch_path const& path, json::value const* value, std::string const& text) {
        auto const& a = *path.target.attribute;
        external_operation op{kind, bind(text), std::nullopt};
        if (value && !(kind == op_kind::remove && value->is_null())) {
            if (path.sub_after_filter) {
                op.value = tolerate(*path.sub_after_filter, *value, false, a.name + "." + path.sub_after_filter->name);
            } else if (path.target.sub_attribute) {
                op.value = tolerate(*path.target.sub_attribute, *value, false, text);
            } else {
                op.value = tolerate(a, *value, path.value_filter.has_value(), a.name);
            }
            if (kind == op_kind::remove && !path.value_filter) {
                note("remove of \"" + text + "\" with a value list removes those values only");
            }
        }
        external_.push_back(std::move(op));
    }

    void apply_extension(op_kind kind, bound_path const& target, json::value const* value, std::string const& text) {
        // RFC 7644 §3.5.2: an operation on the whole of an extension whose attributes are all
        // readOnly (scimd's group and account extensions) can change nothing the client owns,
        // as an operation on one of its attributes cannot: the same error, whatever the op.
        if (auto const* extension = registry_.find_schema(target.schema_urn); extension && all_read_only(*extension)) {
            fail(error_type::mutability, "\"" + text + "\" is read-only: every attribute of the extension is");
        }
        if (kind == op_kind::remove) {
            doc_.erase(target.schema_urn);
            return;
        }
        if (!value->is_object()) fail(error_type::invalid_value, "\"" + text + "\" needs an object of its attributes");
        for (auto const& m : value->as_object()) {
            auto const path = target.schema_urn + ":" + std::string(m.key());
            apply_path(kind, bind(path), &m.value(), path);
        }
    }

    // emails[type eq "work"] and emails[type eq "work"].value
    void apply_filtered(op_kind kind, bound_patch_path const& path, json::object& holder, json::value const* value,
                        std::string const& text) {
        auto const& a = *path.target.attribute;
        if (!a.multi_valued)
            fail(error_type::invalid_path,
                 "\"" + text + "\": value filters select elements of multi-valued attributes");
        auto& values = values_of(holder, a.name);
        std::vector<std::size_t> matched;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (element_matches(*path.value_filter, values[i])) matched.push_back(i);
        }
        if (kind == op_kind::remove) {
            for (auto it = matched.rbegin(); it != matched.rend(); ++it) {
                if (path.sub_after_filter) {
                    if (values[*it].is_object()) values[*it].as_object().erase(path.sub_after_filter->name);
                } else {
                    values.erase(values.begin() + static_cast<std::ptrdiff_t>(*it));
                }
            }
        } else {
            if (matched.empty()) {
                json::object created;
                if (!eq_terms(*path.value_filter, created)) {
                    fail(error_type::no_target,
                         "\"" + text + "\" matches no value, and its filter does not say what a new one would hold");
                }
                note("\"" + text + "\" matched nothing; a value " + json::serialize(created) + " was created");
                values.emplace_back(std::move(created));
                check_value_count(a, values);
                matched.push_back(values.size() - 1);
            }
            for (auto i : matched) {
                if (!values[i].is_object()) continue;
                auto& element = values[i].as_object();
                if (path.sub_after_filter) {
                    auto const& sub = *path.sub_after_filter;
                    element[sub.name] = tolerate(sub, *value, false, a.name + "." + sub.name);
                } else {
                    auto replacement = tolerate(a, *value, true, a.name);
                    if (!replacement.is_object()) fail(error_type::invalid_value, "\"" + text + "\" needs an object");
                    if (kind == op_kind::replace) {
                        element = replacement.as_object();
                    } else {
                        for (auto const& m : replacement.as_object()) element[m.key()] = m.value();
                    }
                }
                if (is_primary(values[i])) keep_single_primary(values, i);
            }
        }
        drop_if_empty(holder, a.name);
    }

    // --max-attribute-values, checked as values come so that no operation grows an attribute
    // far past it before validation would refuse the result.
    void check_value_count(attribute const& a, json::array const& values) const {
        if (values.size() > limits_.max_values) {
            fail(error_type::invalid_value, "attribute \"" + a.name + "\" would have more than " +
                                                std::to_string(limits_.max_values) + " values; at most " +
                                                std::to_string(limits_.max_values) + " are allowed");
        }
    }

    // name.givenName
    void apply_sub_attribute(op_kind kind, bound_path const& target, json::object& holder, json::value const* value,
                             std::string const& text) {
        auto const& a = *target.attribute;
        auto const& sub = *target.sub_attribute;
        if (a.multi_valued) {
            fail(error_type::invalid_path, "\"" + text + "\" names a sub-attribute of every " + a.name +
                                               " value; select the values with a filter, e.g. " + a.name +
                                               "[type eq \"work\"]." + sub.name);
        }
        auto* existing = holder.if_contains(a.name);
        if (kind == op_kind::remove) {
            if (existing && existing->is_object()) {
                existing->as_object().erase(sub.name);
                if (existing->as_object().empty()) holder.erase(a.name);
            }
            return;
        }
        if (!existing || !existing->is_object()) existing = &(holder[a.name] = json::object{});
        existing->as_object()[sub.name] = tolerate(sub, *value, false, a.name + "." + sub.name);
    }

    void apply_whole(op_kind kind, attribute const& a, json::object& holder, json::value const* value,
                     std::string const& text) {
        auto* existing = holder.if_contains(a.name);
        if (kind == op_kind::remove) {
            if (a.multi_valued && value && !value->is_null() && existing && existing->is_array()) {
                remove_listed(a, *existing, *value, text);
                if (existing->as_array().empty()) holder.erase(a.name);
                return;
            }
            holder.erase(a.name);
            return;
        }
        auto given = tolerate(a, *value, false, a.name);
        if (a.multi_valued) {
            auto& values = values_of(holder, a.name);
            if (kind == op_kind::replace) values.clear();
            for (auto& item : given.as_array()) {
                bool const known = std::any_of(values.begin(), values.end(),
                                               [&](json::value const& v) { return equivalent(a, v, item); });
                if (known) continue;
                bool const primary = is_primary(item);
                values.push_back(std::move(item));
                check_value_count(a, values);
                if (primary) keep_single_primary(values, values.size() - 1);
            }
            drop_if_empty(holder, a.name);
            return;
        }
        if (a.type == attribute_type::complex && given.is_object() && existing && existing->is_object()) {
            // RFC 7644 §3.5.2.1/3: the given sub-attributes are set, the others stay.
            for (auto const& m : given.as_object()) existing->as_object()[m.key()] = m.value();
            return;
        }
        (void)text;
        holder[a.name] = std::move(given);
    }

    // Entra removes group members with {"op":"remove","path":"members","value":[{"value":id}]}:
    // those values go, the others stay (IDP-BEHAVIOUR.md: clearing the attribute has wiped
    // whole groups elsewhere).
    void remove_listed(attribute const& a, json::value& existing, json::value const& listed, std::string const& text) {
        note("remove of \"" + text + "\" with a value list removes those values only");
        auto gone = tolerate(a, listed, false, a.name);
        auto const* value_sub = a.find_sub_attribute("value");
        auto& values = existing.as_array();
        for (auto it = values.begin(); it != values.end();) {
            bool drop = false;
            for (auto const& g : gone.as_array()) {
                if (value_sub && g.is_object() && it->is_object()) {
                    auto const* x = it->as_object().if_contains("value");
                    auto const* y = g.as_object().if_contains("value");
                    drop = drop || (x && y && equivalent(*value_sub, *x, *y));
                } else {
                    drop = drop || equivalent(a, *it, g);
                }
            }
            it = drop ? values.erase(it) : it + 1;
        }
    }

    schema_registry const& registry_;
    resource_type const& type_;
    json::object& doc_;
    std::vector<std::string>& notes_;
    std::vector<external_operation>& external_;
    std::string_view external_attribute_;
    value_limits const& limits_;
};

}  // namespace

patch_result apply_patch(schema_registry const& registry, resource_type const& type, json::object const& stored,
                         json::object const& patch_op, std::string_view external_attribute,
                         value_limits const& limits) {
    auto const* schemas = member(patch_op, "schemas");
    bool declared = false;
    if (schemas && schemas->is_array()) {
        for (auto const& s : schemas->as_array())
            declared = declared || (s.is_string() && core::iequals(s.as_string(), patch_op_urn));
    }
    if (!declared) fail(error_type::invalid_syntax, "\"schemas\" must contain \"" + std::string(patch_op_urn) + "\"");
    auto const* operations = member(patch_op, "Operations");
    if (!operations || !operations->is_array() || operations->as_array().empty()) {
        fail(error_type::invalid_syntax, "\"Operations\" must be a non-empty array");
    }
    // --max-patch-operations: refused before any is applied. RFC 7644 §3.12 has no scimType for
    // it; 413 is what §3.7.4 answers for a Bulk request over maxOperations.
    if (auto const n = operations->as_array().size(); n > limits.max_patch_operations) {
        fail(error_type::payload_too_large, "the PATCH has " + std::to_string(n) + " operations; at most " +
                                                std::to_string(limits.max_patch_operations) +
                                                " are allowed in one request: send them in several PATCH requests");
    }
    patch_result result{stored, {}, {}};
    patcher p(registry, type, result.attributes, result, external_attribute, limits);
    for (auto const& operation : operations->as_array()) p.apply(operation);
    return result;
}

}  // namespace scim::protocol
