#include "scim/protocol/rendering.hpp"

#include <optional>
#include <utility>

#include <boost/json/value.hpp>

#include "attribute_values.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

std::optional<json::value> visible(attribute const& a, json::value const& v);

// Removes what a client must never see (RFC 7643 §7 returned "never") from the stored
// members of a resource, an extension or a complex value. Members the registry does not
// declare are left out too: /Schemas is the promise of what a resource can contain.
json::object visible_members(attribute_set const& declared, json::object const& members) {
    json::object out;
    for (auto const& member : members) {
        attribute const* a = nullptr;
        for (auto const* d : declared) {
            if (d->name == member.key()) a = d;
        }
        if (!a) continue;
        if (auto v = visible(*a, member.value())) out[a->name] = std::move(*v);
    }
    return out;
}

std::optional<json::value> visible(attribute const& a, json::value const& v) {
    if (a.returned == returned::never) return std::nullopt;
    if (a.type != attribute_type::complex) return v;
    auto const subs = all_of(a.sub_attributes);
    if (v.is_object()) return visible_members(subs, v.as_object());
    if (!v.is_array()) return v;
    json::array items;
    for (auto const& item : v.as_array()) {
        items.push_back(item.is_object() ? json::value(visible_members(subs, item.as_object())) : item);
    }
    return items;
}

}  // namespace

std::string entity_tag(std::int64_t version) { return "W/\"" + std::to_string(version) + "\""; }

json::object render_resource(schema_registry const& registry, resource_type const& type, std::string const& id,
                             json::object const& attributes, resource_meta const& meta) {
    // Extension members are stored under the URN as the extension schema spells its id.
    std::vector<std::pair<std::string, json::object>> extensions;
    for (auto const& e : type.extensions) {
        auto const& extension = *registry.find_schema(e.schema);
        auto const* members = attributes.if_contains(extension.id);
        if (!members || !members->is_object()) continue;
        auto shown = visible_members(all_of(extension.attributes), members->as_object());
        if (!shown.empty()) extensions.emplace_back(extension.id, std::move(shown));
    }

    json::object out;
    json::array schemas{json::value(type.schema)};
    for (auto const& [urn, members] : extensions) schemas.emplace_back(urn);
    out["schemas"] = std::move(schemas);
    out["id"] = id;
    // Stored resources hold externalId next to the core attributes (validation.hpp); id and
    // meta are the server's and come from the arguments.
    auto declared = all_of(registry.find_schema(type.schema)->attributes);
    declared.insert(declared.begin(), registry.find_common_attribute("externalId"));
    for (auto& member : visible_members(declared, attributes)) out[member.key()] = std::move(member.value());
    for (auto& [urn, members] : extensions) out[urn] = std::move(members);
    out["meta"] = json::object{
        {"resourceType", type.name},           {"created", meta.created},
        {"lastModified", meta.last_modified},  {"location", meta.location},
        {"version", entity_tag(meta.version)},
    };
    return out;
}

json::object with_schemas(resource_type const& type, json::object const& attributes) {
    json::array schemas{json::value(type.schema)};
    for (auto const& e : type.extensions) {
        if (attributes.contains(e.schema)) schemas.emplace_back(e.schema);
    }
    json::object body = attributes;
    body["schemas"] = std::move(schemas);
    return body;
}

json::object list_response(std::int64_t total_results, std::int64_t start_index, json::array resources) {
    auto const items_per_page = static_cast<std::int64_t>(resources.size());
    return json::object{
        {"schemas", json::array{"urn:ietf:params:scim:api:messages:2.0:ListResponse"}},
        {"totalResults", total_results},
        {"startIndex", start_index},
        {"itemsPerPage", items_per_page},
        {"Resources", std::move(resources)},
    };
}

json::object error_body(core::error const& e) {
    auto const description = core::describe(e.type());
    json::object out{
        {"schemas", json::array{"urn:ietf:params:scim:api:messages:2.0:Error"}},
        {"status", std::to_string(description.status)},
    };
    if (!description.scim_type.empty()) out["scimType"] = description.scim_type;
    if (!e.detail().empty()) out["detail"] = e.detail();
    return out;
}

}  // namespace scim::protocol
