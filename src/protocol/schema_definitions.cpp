#include "schema_definitions.hpp"

#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

[[noreturn]] void malformed(std::string const& where, std::string const& what) {
    throw std::runtime_error(where + ": " + what);
}

std::optional<std::string> optional_string(json::object const& o, std::string_view key, std::string const& where) {
    auto const* v = o.if_contains(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) malformed(where, "\"" + std::string(key) + "\" must be a string");
    return std::string(v->as_string());
}

std::string required_string(json::object const& o, std::string_view key, std::string const& where) {
    auto s = optional_string(o, key, where);
    if (!s || s->empty()) malformed(where, "\"" + std::string(key) + "\" is required");
    return *s;
}

bool boolean_or(json::object const& o, std::string_view key, bool fallback, std::string const& where) {
    auto const* v = o.if_contains(key);
    if (!v) return fallback;
    if (!v->is_bool()) malformed(where, "\"" + std::string(key) + "\" must be a boolean");
    return v->as_bool();
}

std::vector<std::string> string_list(json::object const& o, std::string_view key, std::string const& where) {
    std::vector<std::string> out;
    auto const* v = o.if_contains(key);
    if (!v) return out;
    if (!v->is_array()) malformed(where, "\"" + std::string(key) + "\" must be an array of strings");
    for (auto const& item : v->as_array()) {
        if (!item.is_string()) malformed(where, "\"" + std::string(key) + "\" must be an array of strings");
        out.emplace_back(item.as_string());
    }
    return out;
}

// Maps one of the fixed keywords of RFC 7643 §7 to its enum; absent means the §2.2 default.
template <typename Enum, std::size_t N>
Enum keyword(json::object const& o, std::string_view key, std::pair<std::string_view, Enum> const (&choices)[N],
             Enum fallback, std::string const& where) {
    auto text = optional_string(o, key, where);
    if (!text) return fallback;
    for (auto const& [spelling, value] : choices) {
        if (*text == spelling) return value;
    }
    malformed(where, "\"" + std::string(key) + "\" has the unknown value \"" + *text + "\"");
}

constexpr std::pair<std::string_view, attribute_type> type_keywords[] = {
    {"string", attribute_type::string},       {"boolean", attribute_type::boolean},
    {"decimal", attribute_type::decimal},     {"integer", attribute_type::integer},
    {"dateTime", attribute_type::date_time},  {"binary", attribute_type::binary},
    {"reference", attribute_type::reference}, {"complex", attribute_type::complex},
};
constexpr std::pair<std::string_view, mutability> mutability_keywords[] = {
    {"readOnly", mutability::read_only},
    {"readWrite", mutability::read_write},
    {"immutable", mutability::immutable},
    {"writeOnly", mutability::write_only},
};
constexpr std::pair<std::string_view, returned> returned_keywords[] = {
    {"always", returned::always},
    {"never", returned::never},
    {"default", returned::by_default},
    {"request", returned::request},
};
constexpr std::pair<std::string_view, uniqueness> uniqueness_keywords[] = {
    {"none", uniqueness::none},
    {"server", uniqueness::server},
    {"global", uniqueness::global},
};

constexpr bool is_alpha(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// RFC 7643 §2.1: ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA;
// "$ref" is the one reserved sub-attribute name outside that grammar (§2.3.7).
bool is_attribute_name(std::string_view name, bool sub_attribute) noexcept {
    if (sub_attribute && name == "$ref") return true;
    if (name.empty() || !is_alpha(name.front())) return false;
    for (char c : name) {
        if (!is_alpha(c) && !is_digit(c) && c != '-' && c != '_') return false;
    }
    return true;
}

void require_distinct_names(std::vector<attribute> const& attributes, std::string const& where) {
    for (std::size_t i = 0; i < attributes.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            // Names are case-insensitive (RFC 7643 §2.1), so "userName" and "username" clash.
            if (core::iequals(attributes[i].name, attributes[j].name)) {
                malformed(where, "attribute \"" + attributes[i].name + "\" is declared twice");
            }
        }
    }
}

attribute parse_attribute(json::value const& definition, std::string const& parent, bool sub_attribute) {
    if (!definition.is_object()) malformed(parent, "each attribute definition must be an object");
    auto const& o = definition.as_object();
    attribute a;
    a.name = required_string(o, "name", parent);
    auto const where = parent + ": attribute \"" + a.name + "\"";
    if (!is_attribute_name(a.name, sub_attribute)) malformed(where, "the name is not a valid attribute name");
    a.type = keyword(o, "type", type_keywords, attribute_type::string, where);
    a.multi_valued = boolean_or(o, "multiValued", false, where);
    a.description = optional_string(o, "description", where).value_or("");
    a.required = boolean_or(o, "required", false, where);
    a.case_exact = boolean_or(o, "caseExact", false, where);
    a.mutability = keyword(o, "mutability", mutability_keywords, mutability::read_write, where);
    a.returned = keyword(o, "returned", returned_keywords, returned::by_default, where);
    a.uniqueness = keyword(o, "uniqueness", uniqueness_keywords, uniqueness::none, where);
    a.canonical_values = string_list(o, "canonicalValues", where);
    a.reference_types = string_list(o, "referenceTypes", where);
    if (a.type == attribute_type::reference && a.reference_types.empty()) {
        malformed(where, "a reference needs \"referenceTypes\" (RFC 7643 §7)");
    }

    auto const* subs = o.if_contains("subAttributes");
    if (a.type != attribute_type::complex) {
        if (subs) malformed(where, "only a complex attribute has \"subAttributes\"");
        return a;
    }
    // RFC 7643 §2.3.8: sub-attributes may not themselves be complex.
    if (sub_attribute) malformed(where, "a sub-attribute cannot be complex (RFC 7643 §2.3.8)");
    if (!subs || !subs->is_array() || subs->as_array().empty()) {
        malformed(where, "a complex attribute needs a non-empty \"subAttributes\" array");
    }
    for (auto const& sub : subs->as_array()) a.sub_attributes.push_back(parse_attribute(sub, where, true));
    require_distinct_names(a.sub_attributes, where);
    return a;
}

attribute simple(std::string name, attribute_type type, std::string description, bool case_exact) {
    attribute a;
    a.name = std::move(name);
    a.type = type;
    a.description = std::move(description);
    a.case_exact = case_exact;
    a.mutability = mutability::read_only;
    return a;
}

}  // namespace

schema parse_schema(json::object const& document) {
    schema s;
    s.id = required_string(document, "id", "a schema");
    auto const where = "schema \"" + s.id + "\"";
    s.name = optional_string(document, "name", where).value_or("");
    s.description = optional_string(document, "description", where).value_or("");
    auto const* attributes = document.if_contains("attributes");
    if (!attributes || !attributes->is_array()) malformed(where, "\"attributes\" must be an array");
    for (auto const& definition : attributes->as_array()) {
        s.attributes.push_back(parse_attribute(definition, where, false));
    }
    require_distinct_names(s.attributes, where);
    s.document = document;
    return s;
}

resource_type parse_resource_type(json::object const& document) {
    resource_type t;
    t.name = required_string(document, "name", "a resource type");
    auto const where = "resource type \"" + t.name + "\"";
    // RFC 7643 §6: "id" is optional and often the same as "name".
    t.id = optional_string(document, "id", where).value_or(t.name);
    t.endpoint = required_string(document, "endpoint", where);
    t.description = optional_string(document, "description", where).value_or("");
    t.schema = required_string(document, "schema", where);
    if (auto const* extensions = document.if_contains("schemaExtensions")) {
        if (!extensions->is_array()) malformed(where, "\"schemaExtensions\" must be an array");
        for (auto const& e : extensions->as_array()) {
            if (!e.is_object()) malformed(where, "each schema extension must be an object");
            schema_extension ext;
            ext.schema = required_string(e.as_object(), "schema", where);
            ext.required = boolean_or(e.as_object(), "required", false, where);
            t.extensions.push_back(std::move(ext));
        }
    }
    t.document = document;
    return t;
}

std::vector<attribute> common_attribute_definitions() {
    // RFC 7643 §3.1: id is assigned by the service provider, unique, compared exactly and
    // always returned; externalId belongs to the client; meta is maintained by the server.
    auto id = simple("id", attribute_type::string,
                     "A unique identifier for the resource, assigned by the service provider.", true);
    id.required = true;
    id.returned = returned::always;
    id.uniqueness = uniqueness::server;

    auto external_id = simple("externalId", attribute_type::string,
                              "The identifier of the resource in the provisioning client.", true);
    external_id.mutability = mutability::read_write;

    auto location = simple("location", attribute_type::reference, "The URI of the resource.", true);
    location.reference_types = {"uri"};
    auto meta = simple("meta", attribute_type::complex, "Resource metadata maintained by the service provider.", false);
    meta.sub_attributes = {
        simple("resourceType", attribute_type::string, "The name of the resource type of the resource.", true),
        simple("created", attribute_type::date_time, "When the resource was added to the service provider.", false),
        simple("lastModified", attribute_type::date_time, "When the resource was last updated.", false),
        std::move(location),
        simple("version", attribute_type::string, "The version (entity tag) of the resource.", true),
    };
    return {std::move(id), std::move(external_id), std::move(meta)};
}

}  // namespace scim::protocol
