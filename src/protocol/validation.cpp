#include "scim/protocol/validation.hpp"

#include <utility>

#include "attribute_values.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;
using core::error_type;

[[noreturn]] void refuse(error_type type, std::string detail) { throw core::error(type, std::move(detail)); }

// RFC 7644 §3.3: the request body names its schemas, the core one among them. Other URNs
// that carry no attributes are ignored: OneLogin templates still send the SCIM 1.1
// "urn:scim:schemas:core:1.0". URNs that do carry attributes are refused as unknown members.
void check_schemas(json::object const& body, resource_type const& type) {
    json::value const* schemas = nullptr;
    for (auto const& member : body) {
        if (core::iequals(member.key(), "schemas")) schemas = &member.value();
    }
    if (!schemas) refuse(error_type::invalid_syntax, "\"schemas\" is missing; it must list " + type.schema);
    if (!schemas->is_array()) refuse(error_type::invalid_syntax, "\"schemas\" must be an array of schema URIs");
    bool names_core = false;
    for (auto const& urn : schemas->as_array()) {
        if (!urn.is_string()) refuse(error_type::invalid_syntax, "\"schemas\" must be an array of schema URIs");
        names_core = names_core || core::iequals(urn.as_string(), type.schema);
    }
    if (!names_core) refuse(error_type::invalid_syntax, "\"schemas\" must include " + type.schema);
}

schema const* declared_extension(schema_registry const& registry, resource_type const& type, std::string_view urn) {
    for (auto const& e : type.extensions) {
        if (core::iequals(e.schema, urn)) return registry.find_schema(e.schema);
    }
    return nullptr;
}

attribute_set core_attributes(schema_registry const& registry, resource_type const& type) {
    auto set = all_of(registry.common_attributes());
    for (auto const* a : all_of(registry.find_schema(type.schema)->attributes)) set.push_back(a);
    return set;
}

// Extension attributes travel in an object keyed by the extension's URN (RFC 7643 §3.3).
// An extension object is accepted even when `schemas` forgets to list its URN: the key
// already says which schema it is.
json::object check_extension(schema const& extension, bool required, json::object const& body,
                             value_limits const& limits, std::vector<std::string>& notes) {
    json::value const* members = nullptr;
    for (auto const& member : body) {
        if (!core::iequals(member.key(), extension.id)) continue;
        if (members) refuse(error_type::invalid_value, "extension \"" + extension.id + "\" is given more than once");
        members = &member.value();
    }
    json::object kept;
    if (members && !members->is_null()) {
        if (!members->is_object()) {
            refuse(error_type::invalid_value,
                   "extension \"" + extension.id + "\" must be a JSON object of its attributes");
        }
        kept = check_members(all_of(extension.attributes), members->as_object(), extension.id + ":", limits, notes);
    }
    if (required && kept.empty()) refuse(error_type::invalid_value, "extension \"" + extension.id + "\" is required");
    return kept;
}

// RFC 7644 §3.5.1: an immutable attribute that has a value must be sent unchanged. One that
// is left out keeps its value, since it could not be cleared either. Elements of
// multi-valued attributes have no identity, so their immutable sub-attributes (a Group
// member's value) constrain each element, not the set: members may come and go.
void keep_immutable(attribute_set const& attributes, json::object& after, json::object const& before,
                    std::string const& path) {
    for (auto const* a : attributes) {
        auto const* old = before.if_contains(a->name);
        if (!old) continue;
        if (a->mutability == mutability::immutable) {
            auto const* now = after.if_contains(a->name);
            if (!now) {
                after[a->name] = *old;
            } else if (!equivalent(*a, *old, *now)) {
                refuse(error_type::mutability,
                       "attribute \"" + path + a->name + "\" is immutable and cannot be changed");
            }
        } else if (a->type == attribute_type::complex && !a->multi_valued && old->is_object()) {
            auto& now = after[a->name];
            if (!now.is_object()) now = json::object();
            keep_immutable(all_of(a->sub_attributes), now.as_object(), old->as_object(), path + a->name + ".");
            if (now.as_object().empty()) after.erase(a->name);
        }
    }
}

}  // namespace

validated_resource validate_for_create(schema_registry const& registry, resource_type const& type,
                                       json::object const& body, value_limits const& limits) {
    check_schemas(body, type);
    json::object core_members;
    for (auto const& member : body) {
        if (core::iequals(member.key(), "schemas") || declared_extension(registry, type, member.key())) continue;
        core_members.emplace(member.key(), member.value());
    }
    validated_resource resource;
    resource.attributes =
        check_members(core_attributes(registry, type), core_members, "", limits, resource.normalizations);
    for (auto const& e : type.extensions) {
        auto const& extension = *registry.find_schema(e.schema);
        auto kept = check_extension(extension, e.required, body, limits, resource.normalizations);
        if (!kept.empty()) resource.attributes[extension.id] = std::move(kept);
    }
    return resource;
}

validated_resource validate_for_replace(schema_registry const& registry, resource_type const& type,
                                        json::object const& body, json::object const& existing,
                                        value_limits const& limits) {
    auto resource = validate_for_create(registry, type, body, limits);
    keep_immutable(core_attributes(registry, type), resource.attributes, existing, "");
    for (auto const& e : type.extensions) {
        auto const& extension = *registry.find_schema(e.schema);
        auto const* before = existing.if_contains(extension.id);
        if (!before || !before->is_object()) continue;
        auto& after = resource.attributes[extension.id];
        if (!after.is_object()) after = json::object();
        keep_immutable(all_of(extension.attributes), after.as_object(), before->as_object(), extension.id + ":");
        if (after.as_object().empty()) resource.attributes.erase(extension.id);
    }
    return resource;
}

}  // namespace scim::protocol
