#pragma once
// /ServiceProviderConfig, /Schemas and /ResourceTypes (RFC 7644 §4, RFC 7643 §5-§7),
// generated from the registry and from what the server really supports.

#include <cstddef>
#include <string>

#include <boost/json/object.hpp>

#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {

struct supported_features {
    bool patch = false;
    bool bulk = false;
    std::size_t bulk_max_operations = 0;
    std::size_t bulk_max_payload_bytes = 0;
    bool filter = false;
    std::size_t filter_max_results = 0;
    bool change_password = false;
    bool sort = false;
    bool etag = false;
    // RFC 9865 §5 pagination capabilities.
    bool cursor_pagination = false;
    bool index_pagination = true;
    std::size_t default_page_size = 100;
    std::size_t max_page_size = 1000;
    std::size_t cursor_timeout_seconds = 0;  // least time a cursor stays valid; only with cursors
};

// base_url: absolute URL of the SCIM base, e.g. "https://h:8443/scim/directory/<id>".
boost::json::object service_provider_config(supported_features const& features, std::string const& base_url);
boost::json::object schema_resource(schema const& s, std::string const& base_url);
boost::json::object resource_type_resource(resource_type const& t, std::string const& base_url);

}  // namespace scim::protocol
