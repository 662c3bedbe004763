#include "declared_uniqueness.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "scim/core/text.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;

json::string const* string_member(json::value const& v, std::string_view name) {
    if (!v.is_object()) return nullptr;
    auto const* m = v.get_object().if_contains(name);
    return m && m->is_string() ? &m->get_string() : nullptr;
}

json::array const* array_member(json::value const& v, std::string_view name) {
    if (!v.is_object()) return nullptr;
    auto const* m = v.get_object().if_contains(name);
    return m && m->is_array() ? &m->get_array() : nullptr;
}

void read_attributes(json::array const& attributes, std::string const& prefix, bool with_subs,
                     std::map<std::string, std::string>& out) {
    for (auto const& a : attributes) {
        auto const* name = string_member(a, "name");
        if (!name) continue;
        auto const path = prefix + core::to_lower_ascii(*name);
        if (auto const* uniqueness = string_member(a, "uniqueness")) out[path] = core::to_lower_ascii(*uniqueness);
        if (auto const* subs = array_member(a, "subAttributes"); subs && with_subs)
            read_attributes(*subs, path + ".", false, out);
    }
}

}  // namespace

std::map<std::string, std::string> declared_uniqueness(json::value const& schemas) {
    std::map<std::string, std::string> out;
    json::array const* list = schemas.is_array() ? &schemas.get_array() : array_member(schemas, "Resources");
    if (!list) return out;
    for (auto const& schema : *list) {
        auto const* id = string_member(schema, "id");
        auto const* attributes = array_member(schema, "attributes");
        if (id && attributes) read_attributes(*attributes, core::to_lower_ascii(*id) + ":", true, out);
    }
    return out;
}

}  // namespace scim::conformance
