#pragma once
// Checks a client-supplied resource against its resource type's schemas (RFC 7643 §2,
// §7; RFC 7644 §3.3 and §3.5.1) and produces the canonical form that is stored.

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/protocol/schema_registry.hpp"
#include "scim/protocol/value_limits.hpp"

namespace scim::protocol {

// A resource as stored: attribute names in their declared case, core attributes at the
// top level, extension attributes under their schema URN; no id, meta, schemas, nor any
// readOnly or writeOnly (never stored) attribute.
struct validated_resource {
    boost::json::object attributes;
    std::vector<std::string> normalizations;  // tolerance rules applied, one line each (journal)
};

// For POST (RFC 7644 §3.3). Rules:
// - attribute names match case-insensitively and are rewritten to their declared case;
// - `schemas` must name the core schema; unknown URNs that carry no attributes are ignored
//   (clients still sending SCIM 1.1 URNs), unknown URNs that carry attributes are refused;
// - unknown attributes are refused with invalidValue naming them;
// - readOnly attributes (id, meta, groups, ...) are ignored; writeOnly ones (password) are
//   accepted but not kept: scimd stores no credentials;
// - types are checked per RFC 7643 §2.3 (dateTime is xsd:dateTime, binary is base64); a
//   boolean given as the string "True" or "False" (any case; older Entra) is read as that
//   boolean and the rule listed in `normalizations`;
// - input limits (docs/errors.md "Limits"): each string's length and code points by its
//   kind (core/text_rules.hpp), dateTimes the store can hold (years 0001 to 9999), at most
//   `limits.max_values` values per multi-valued attribute;
// - canonical values are matched case-insensitively and stored in their declared spelling;
//   other values are kept as sent, since RFC 7643 §2.3.1 makes them suggestions;
// - null and empty arrays mean "unassigned" (RFC 7643 §2.5) and are dropped;
// - required attributes must be present and non-empty.
// Violations → core::error(invalid_value) (or invalid_syntax for a wrong `schemas`).
validated_resource validate_for_create(schema_registry const& registry, resource_type const& type,
                                       boost::json::object const& body, value_limits const& limits = {});

// For PUT (RFC 7644 §3.5.1): as for create, and immutable attributes that already have a
// value must be sent unchanged (core::error(mutability) otherwise).
validated_resource validate_for_replace(schema_registry const& registry, resource_type const& type,
                                        boost::json::object const& body, boost::json::object const& existing,
                                        value_limits const& limits = {});

}  // namespace scim::protocol
