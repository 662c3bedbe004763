#pragma once
// Reads Schema and ResourceType representations (RFC 7643 §6, §7) into registry types.
// Every function throws std::runtime_error naming the definition that is malformed.

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {

inline constexpr char const* schema_schema_urn = "urn:ietf:params:scim:schemas:core:2.0:Schema";
inline constexpr char const* resource_type_schema_urn = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

schema parse_schema(boost::json::object const& document);
// Checks only the document itself; whether the schemas it names exist is the registry's concern.
resource_type parse_resource_type(boost::json::object const& document);

// id, externalId and meta, which every resource has (RFC 7643 §3.1).
std::vector<attribute> common_attribute_definitions();

}  // namespace scim::protocol
