#include "scim/protocol/discovery.hpp"

#include <cstdint>

#include <boost/json/array.hpp>

#include "schema_definitions.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

std::int64_t number(std::size_t n) { return static_cast<std::int64_t>(n); }

json::object supported(bool yes) { return json::object{{"supported", yes}}; }

// RFC 9865 §5: which pagination methods the service provider offers and its page sizes.
json::object pagination(supported_features const& f) {
    json::object out{
        {"cursor", f.cursor_pagination},
        {"index", f.index_pagination},
        {"defaultPaginationMethod", f.index_pagination || !f.cursor_pagination ? "index" : "cursor"},
        {"defaultPageSize", number(f.default_page_size)},
        {"maxPageSize", number(f.max_page_size)},
    };
    if (f.cursor_pagination) out["cursorTimeout"] = number(f.cursor_timeout_seconds);
    return out;
}

json::object meta(char const* resource_type, std::string location) {
    return json::object{{"resourceType", resource_type}, {"location", std::move(location)}};
}

}  // namespace

// RFC 7643 §5. Every capability comes from `features`, so the document cannot claim more
// than the server does.
json::object service_provider_config(supported_features const& f, std::string const& base_url) {
    json::object bulk = supported(f.bulk);
    bulk["maxOperations"] = number(f.bulk_max_operations);
    bulk["maxPayloadSize"] = number(f.bulk_max_payload_bytes);
    json::object filter = supported(f.filter);
    filter["maxResults"] = number(f.filter_max_results);
    return json::object{
        {"schemas", json::array{"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"}},
        {"patch", supported(f.patch)},
        {"bulk", std::move(bulk)},
        {"filter", std::move(filter)},
        {"changePassword", supported(f.change_password)},
        {"sort", supported(f.sort)},
        {"etag", supported(f.etag)},
        {"pagination", pagination(f)},
        {"authenticationSchemes",
         json::array{json::object{
             {"type", "oauthbearertoken"},
             {"name", "OAuth Bearer Token"},
             // The only place ServiceProviderConfig can say what a token stands for: /Me has
             // no subject to alias (RFC 7644 §3.11, docs/discovery.md).
             {"description",
              "A directory's bearer token in the Authorization header (RFC 6750). It stands for the "
              "directory, not a person: /Me answers 501 Not Implemented (RFC 7644 section 3.11)."},
             {"specUri", "https://www.rfc-editor.org/info/rfc6750"},
             {"primary", true},
         }}},
        {"meta", meta("ServiceProviderConfig", base_url + "/ServiceProviderConfig")},
    };
}

// RFC 7644 §4: the documents as declared in schemas/scim/, with the server's meta. The
// registry accepted each document because it lists its kind's URN; `schemas` is set to
// exactly that one so that the response names nothing else.
json::object schema_resource(schema const& s, std::string const& base_url) {
    auto out = s.document;
    out["schemas"] = json::array{schema_schema_urn};
    out["meta"] = meta("Schema", base_url + "/Schemas/" + s.id);
    return out;
}

json::object resource_type_resource(resource_type const& t, std::string const& base_url) {
    auto out = t.document;
    out["schemas"] = json::array{resource_type_schema_urn};
    out["meta"] = meta("ResourceType", base_url + "/ResourceTypes/" + t.id);
    return out;
}

}  // namespace scim::protocol
