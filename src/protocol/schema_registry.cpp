#include "scim/protocol/schema_registry.hpp"

#include <stdexcept>
#include <string>
#include <utility>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/system/system_error.hpp>

#include "embedded_schemas.hpp"
#include "schema_definitions.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

template <typename Named>
Named const* find_by_name(std::vector<Named> const& items, std::string_view name) noexcept {
    for (auto const& item : items) {
        if (core::iequals(item.name, name)) return &item;
    }
    return nullptr;
}

bool lists(json::object const& document, std::string_view urn) {
    auto const* schemas = document.if_contains("schemas");
    if (!schemas || !schemas->is_array()) return false;
    for (auto const& s : schemas->as_array()) {
        if (s.is_string() && s.as_string() == urn) return true;
    }
    return false;
}

// One document holds one representation or an array of them; each says what it is
// through its "schemas" (RFC 7643 §6, §7).
void collect(json::value const& document, std::string const& where, std::vector<json::object>& schema_documents,
             std::vector<json::object>& type_documents) {
    if (document.is_array()) {
        for (auto const& item : document.as_array()) collect(item, where, schema_documents, type_documents);
        return;
    }
    if (!document.is_object()) throw std::runtime_error(where + ": expected a JSON object or an array of objects");
    auto const& o = document.as_object();
    if (lists(o, schema_schema_urn)) {
        schema_documents.push_back(o);
    } else if (lists(o, resource_type_schema_urn)) {
        type_documents.push_back(o);
    } else {
        throw std::runtime_error(where + ": \"schemas\" must name either " + schema_schema_urn + " or " +
                                 resource_type_schema_urn);
    }
}

}  // namespace

attribute const* attribute::find_sub_attribute(std::string_view sub_name) const noexcept {
    return find_by_name(sub_attributes, sub_name);
}

attribute const* schema::find_attribute(std::string_view attribute_name) const noexcept {
    return find_by_name(attributes, attribute_name);
}

schema_registry schema_registry::from_documents(std::vector<std::string_view> const& documents) {
    std::vector<json::object> schema_documents;
    std::vector<json::object> type_documents;
    for (std::size_t i = 0; i < documents.size(); ++i) {
        auto const where = "schema document #" + std::to_string(i + 1);
        json::value parsed;
        try {
            parsed = json::parse(documents[i]);
        } catch (boost::system::system_error const& e) {
            throw std::runtime_error(where + ": not valid JSON (" + e.code().message() + ")");
        }
        collect(parsed, where, schema_documents, type_documents);
    }

    schema_registry r;
    r.common_ = common_attribute_definitions();
    for (auto const& document : schema_documents) {
        auto s = parse_schema(document);
        if (r.find_schema(s.id)) throw std::runtime_error("schema \"" + s.id + "\" is declared twice");
        for (auto const& a : s.attributes) {
            // RFC 7643 §3.1: the common attributes are reserved for every resource.
            if (r.find_common_attribute(a.name)) {
                throw std::runtime_error("schema \"" + s.id + "\": \"" + a.name + "\" is a common attribute");
            }
        }
        r.schemas_.push_back(std::move(s));
    }
    // Resource types come second so that they may name schemas from any document.
    for (auto const& document : type_documents) {
        auto t = parse_resource_type(document);
        auto const where = "resource type \"" + t.name + "\"";
        if (r.find_resource_type(t.name) || r.find_resource_type(t.id)) {
            throw std::runtime_error(where + " is declared twice");
        }
        if (!r.find_schema(t.schema))
            throw std::runtime_error(where + " names the undeclared schema \"" + t.schema + "\"");
        for (auto const& e : t.extensions) {
            if (!r.find_schema(e.schema)) {
                throw std::runtime_error(where + " names the undeclared extension schema \"" + e.schema + "\"");
            }
            if (core::iequals(e.schema, t.schema)) throw std::runtime_error(where + " extends itself");
        }
        r.resource_types_.push_back(std::move(t));
    }
    return r;
}

schema_registry schema_registry::builtin() {
    std::vector<std::string_view> documents;
    for (auto const& [file_name, content] : embedded_schema_documents()) documents.push_back(content);
    return from_documents(documents);
}

schema const* schema_registry::find_schema(std::string_view id) const noexcept {
    for (auto const& s : schemas_) {
        if (core::iequals(s.id, id)) return &s;
    }
    return nullptr;
}

// The id is usually the name (RFC 7643 §6); /ResourceTypes/{id} looks up by either.
resource_type const* schema_registry::find_resource_type(std::string_view name) const noexcept {
    for (auto const& t : resource_types_) {
        if (core::iequals(t.name, name) || core::iequals(t.id, name)) return &t;
    }
    return nullptr;
}

resource_type const& schema_registry::user_type() const {
    auto const* t = find_resource_type("User");
    if (!t) throw std::logic_error("the schema registry declares no User resource type");
    return *t;
}

resource_type const& schema_registry::group_type() const {
    auto const* t = find_resource_type("Group");
    if (!t) throw std::logic_error("the schema registry declares no Group resource type");
    return *t;
}

attribute const* schema_registry::find_common_attribute(std::string_view name) const noexcept {
    return find_by_name(common_, name);
}

}  // namespace scim::protocol
