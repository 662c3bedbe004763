#pragma once
// A value filter (emails[type eq "work"]) evaluated on one element of a multi-valued
// attribute held in memory: what PATCH needs to find its targets (RFC 7644 §3.5.2).
// The semantics are those of the SQL the filter compiler emits (store/filter_sql.hpp):
// "ne" is "not eq", "pr" means present and not empty, strings that are not caseExact
// compare ignoring case, dateTimes compare as instants. Case is folded for ASCII letters
// here: value filters in PATCH paths name types and ids, which are ASCII.

#include <boost/json/value.hpp>

#include "scim/protocol/filter_binding.hpp"

namespace scim::protocol {

// `condition` is bound relative to the element's attribute (bound_path::attribute names a
// sub-attribute); `element` is one value of that attribute.
bool element_matches(bound_filter const& condition, boost::json::value const& element);

}  // namespace scim::protocol
