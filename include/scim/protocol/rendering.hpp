#pragma once
// Stored resources and errors as SCIM JSON (RFC 7643 §3, RFC 7644 §3.4.2, §3.12).

#include <cstdint>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "scim/core/error.hpp"
#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {

inline constexpr char const* scim_media_type = "application/scim+json";

struct resource_meta {
    std::string created;        // RFC 3339
    std::string last_modified;  // RFC 3339
    std::string location;       // absolute URI of the resource
    std::int64_t version = 1;
};

// The weak entity tag of a version: W/"<version>" (RFC 7644 §3.14).
std::string entity_tag(std::int64_t version);

// id, schemas (the core schema plus each extension the resource carries), the stored
// attributes minus those whose `returned` is never, then meta (resourceType, created,
// lastModified, version, location).
boost::json::object render_resource(schema_registry const& registry, resource_type const& type, std::string const& id,
                                    boost::json::object const& attributes, resource_meta const& meta);

// A stored resource as a request body would give it: its attributes and the schemas it uses
// (the type's core schema, then each extension present).
boost::json::object with_schemas(resource_type const& type, boost::json::object const& attributes);

// urn:ietf:params:scim:api:messages:2.0:ListResponse (RFC 7644 §3.4.2).
boost::json::object list_response(std::int64_t total_results, std::int64_t start_index, boost::json::array resources);

// urn:ietf:params:scim:api:messages:2.0:Error with status as a string (RFC 7644 §3.12).
boost::json::object error_body(core::error const& e);

}  // namespace scim::protocol
