#pragma once
// Group members (RFC 7643 §4.2) as set operations: what a POST or PUT body's "members" and a
// PATCH's operations on "members" (patch.hpp, external operations) ask of the member table.
// Members are Users of the same directory; nested groups are not supported, so a member of
// "type" other than "User" is refused.
//
// PATCH forms (RFC 7644 §3.5.2, and what IDP-BEHAVIOUR.md says identity providers send):
// - add "members" [values]                       → add those
// - remove "members[value eq "x"]", or any filter on value/display/type
//                                                → remove the matching members
// - remove "members" with a value list (Entra)   → remove those, never the others
// - remove "members" without a value             → remove every member
// - replace "members" [values]                   → exactly those members
// - replace "members[filter]" with a value, or "members[filter].value" with an id
//                                                → the matching members give way to that one
// - add "members[value eq "x"]"                  → add x (the element the filter describes)

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/patch.hpp"

namespace scim::protocol {

struct member_change {
    enum class kind { add, remove, remove_matching, remove_all, replace } what = kind::add;
    std::vector<std::string> ids;           // add, remove, replace: distinct, in the order given
    std::optional<bound_filter> condition;  // remove_matching
};

// The member ids of a "members" value (an array of {"value": id, "type": "User"}).
// Throws core::error(invalid_value) for an element without a string value or of another type.
std::vector<std::string> member_ids(boost::json::value const& members);

// The member table changes, in order, for the PATCH operations on "members".
// Throws core::error(invalid_path) for a form that would change a member's sub-attribute.
std::vector<member_change> member_changes(std::vector<external_operation> operations);

// How many member values the changes carry (the per-request limit counts these).
std::size_t member_values(std::vector<member_change> const& changes);

}  // namespace scim::protocol
