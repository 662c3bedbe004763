#include "scim/protocol/projection.hpp"

#include <algorithm>
#include <string>

#include <boost/json/array.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

std::vector<bound_path> parse_names(std::string_view list, std::string_view parameter, schema_registry const& registry,
                                    resource_type const& type) {
    std::vector<bound_path> out;
    while (!list.empty()) {
        auto const comma = list.find(',');
        auto name = list.substr(0, comma);
        list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (name.empty()) continue;
        patch_path parsed;
        try {
            parsed = parse_path(name, filter_limits{});
        } catch (core::error const& e) {
            throw core::error(core::error_type::invalid_value, std::string(parameter) + ": " + e.detail());
        }
        if (parsed.value_filter) {
            throw core::error(core::error_type::invalid_value,
                              std::string(parameter) + ": \"" + std::string(name) + "\" is not an attribute name");
        }
        try {
            out.push_back(
                bind_path(parsed.attribute, registry, type, core::error_type::invalid_value, std::string(parameter)));
        } catch (core::error const&) {
            // Not an attribute of this resource type: nothing to return or leave out.
        }
    }
    return out;
}

bool names(bound_path const& p, std::string const& urn, attribute const* a) {
    if (!core::iequals(p.schema_urn, urn)) return false;
    return p.attribute == nullptr ? a == nullptr || !urn.empty() : p.attribute == a;
}

// A complex value (or each element of a multi-valued one) with only the sub-attributes for
// which `keep` is true.
template <typename Keep>
json::value select_subs(attribute const& a, json::value const& v, Keep const& keep) {
    auto reduce = [&](json::object const& o) {
        json::object out;
        for (auto const& member : o) {
            if (keep(a.find_sub_attribute(member.key()))) out[member.key()] = member.value();
        }
        return out;
    };
    if (v.is_object()) return reduce(v.as_object());
    if (!v.is_array()) return v;
    json::array items;
    for (auto const& item : v.as_array())
        items.push_back(item.is_object() ? json::value(reduce(item.as_object())) : item);
    return items;
}

bool listed(std::vector<attribute const*> const& subs, attribute const* sub) {
    return std::find(subs.begin(), subs.end(), sub) != subs.end();
}

// Keeps only `subs`, and sub-attributes always returned.
json::value keep_subs(attribute const& a, json::value const& v, std::vector<attribute const*> const& subs) {
    return select_subs(
        a, v, [&](attribute const* sub) { return sub && (sub->returned == returned::always || listed(subs, sub)); });
}

// Removes `subs`, except sub-attributes always returned.
json::value drop_subs(attribute const& a, json::value const& v, std::vector<attribute const*> const& subs) {
    return select_subs(
        a, v, [&](attribute const* sub) { return !(sub && listed(subs, sub) && sub->returned != returned::always); });
}

bool is_empty(json::value const& v) {
    return (v.is_object() && v.as_object().empty()) || (v.is_array() && v.as_array().empty());
}

// What of attribute `a` (of schema `urn`, "" for core and common) with value `v` the client gets.
std::optional<json::value> project(attribute const& a, std::string const& urn, json::value const& v,
                                   projection const& p) {
    if (a.returned == returned::always) return v;
    if (a.returned == returned::never) return std::nullopt;
    if (p.attributes_given) {
        std::vector<attribute const*> subs;
        for (auto const& named : p.attributes) {
            if (named.attribute == nullptr && !named.schema_urn.empty() && core::iequals(named.schema_urn, urn))
                return v;
            if (!names(named, urn, &a)) continue;
            if (!named.sub_attribute) return v;
            subs.push_back(named.sub_attribute);
        }
        if (subs.empty()) return std::nullopt;
        auto kept = keep_subs(a, v, subs);
        return is_empty(kept) ? std::nullopt : std::optional<json::value>(kept);
    }
    if (a.returned == returned::request) return std::nullopt;
    std::vector<attribute const*> subs;
    for (auto const& named : p.excluded) {
        if (named.attribute == nullptr && !named.schema_urn.empty() && core::iequals(named.schema_urn, urn))
            return std::nullopt;
        if (!names(named, urn, &a)) continue;
        if (!named.sub_attribute) return std::nullopt;
        subs.push_back(named.sub_attribute);
    }
    if (subs.empty()) return v;
    auto kept = drop_subs(a, v, subs);
    return is_empty(kept) ? std::nullopt : std::optional<json::value>(kept);
}

}  // namespace

projection parse_projection(std::optional<std::string_view> attributes,
                            std::optional<std::string_view> excluded_attributes, schema_registry const& registry,
                            resource_type const& type) {
    if (attributes && excluded_attributes) {
        throw core::error(core::error_type::invalid_value, "attributes and excludedAttributes cannot be combined");
    }
    projection p;
    if (attributes) {
        p.attributes_given = true;
        p.attributes = parse_names(*attributes, "attributes", registry, type);
    }
    if (excluded_attributes) p.excluded = parse_names(*excluded_attributes, "excludedAttributes", registry, type);
    return p;
}

bool returns_attribute(projection const& p, attribute const& a, std::string_view urn_view) {
    std::string const urn(urn_view);
    if (a.returned == returned::always) return true;
    if (a.returned == returned::never) return false;
    auto whole_extension = [&](bound_path const& named) {
        return named.attribute == nullptr && !named.schema_urn.empty() && core::iequals(named.schema_urn, urn);
    };
    if (p.attributes_given) {
        return std::any_of(p.attributes.begin(), p.attributes.end(),
                           [&](bound_path const& named) { return whole_extension(named) || names(named, urn, &a); });
    }
    if (a.returned == returned::request) return false;
    return std::none_of(p.excluded.begin(), p.excluded.end(), [&](bound_path const& named) {
        return whole_extension(named) || (names(named, urn, &a) && !named.sub_attribute);
    });
}

json::object apply_projection(schema_registry const& registry, resource_type const& type, json::object resource,
                              projection const& p) {
    if (!p.attributes_given && p.excluded.empty()) {
        bool any_request = false;
        for (auto const& a : registry.find_schema(type.schema)->attributes)
            any_request |= a.returned == returned::request;
        if (!any_request) return resource;
    }
    auto const& core_schema = *registry.find_schema(type.schema);
    json::object out;
    json::array schemas{json::value(type.schema)};
    for (auto const& member : resource) {
        std::string const key = member.key();
        auto const& value = member.value();
        if (key == "schemas" || key == "id") {
            out[key] = value;
            continue;
        }
        if (key == "meta") {
            // meta.resourceType is always returned (RFC 7643 §3.1).
            auto const* meta = registry.find_common_attribute("meta");
            auto projected = project(*meta, "", value, p);
            json::object shown = projected && projected->is_object() ? projected->as_object() : json::object{};
            if (auto const* resource_type = value.as_object().if_contains("resourceType"))
                shown["resourceType"] = *resource_type;
            out[key] = std::move(shown);
            continue;
        }
        if (auto const* extension = registry.find_schema(key); extension && value.is_object()) {
            json::object shown;
            for (auto const& m : value.as_object()) {
                auto const* a = extension->find_attribute(m.key());
                if (!a) continue;
                if (auto v = project(*a, extension->id, m.value(), p)) shown[m.key()] = std::move(*v);
            }
            if (!shown.empty()) {
                out[key] = std::move(shown);
                schemas.emplace_back(extension->id);
            }
            continue;
        }
        auto const* a = registry.find_common_attribute(key);
        if (!a) a = core_schema.find_attribute(key);
        if (!a) continue;
        if (auto v = project(*a, "", value, p)) out[key] = std::move(*v);
    }
    out["schemas"] = std::move(schemas);
    return out;
}

}  // namespace scim::protocol
