#pragma once
// Attribute-level checks shared by resource validation (and by anything else that accepts
// attribute values from a client): types, canonical values, unassigned values, requiredness.

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/protocol/schema_registry.hpp"
#include "scim/protocol/value_limits.hpp"

namespace scim::protocol {

using attribute_set = std::vector<attribute const*>;

attribute_set all_of(std::vector<attribute> const& attributes);

// The client's members of one JSON object (a resource, an extension, a complex value),
// checked against the attributes allowed there and keyed by their declared names. readOnly
// attributes are ignored and writeOnly ones checked but not kept; null, empty arrays and
// empty complex values are unassigned (RFC 7643 §2.5) and dropped. Strings meet their text
// rule (string_rules.hpp), dateTimes are ones the store can hold, and a multi-valued attribute
// has at most `limits.max_values` values. `path` prefixes the attribute names in error details.
// A boolean given as the string "true" or "false" (any case) is read as that boolean, and the
// rule is added to `notes` (the journal's normalizations). Throws core::error(invalid_value).
boost::json::object check_members(attribute_set const& allowed, boost::json::object const& members,
                                  std::string const& path, value_limits const& limits, std::vector<std::string>& notes);

// Whether two stored values of `a` are the same value: strings compare as caseExact says,
// and multi-valued attributes compare without regard to order (RFC 7643 §2.4).
bool equivalent(attribute const& a, boost::json::value const& x, boost::json::value const& y);

}  // namespace scim::protocol
