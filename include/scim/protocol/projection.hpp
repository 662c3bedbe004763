#pragma once
// attributes and excludedAttributes (RFC 7644 §3.4.2.5, §3.9) together with each
// attribute's "returned" characteristic (RFC 7643 §7):
// - always (id, and here also schemas and meta.resourceType) is in every response;
// - never (password) is in none;
// - request is there only when `attributes` names it;
// - default is there unless `attributes` is given without naming it, or
//   `excludedAttributes` names it.
// Naming a complex attribute keeps all of it; naming a sub-attribute ("name.givenName",
// "emails.value") keeps only that part of it; naming an extension URN keeps or removes the
// whole extension. Names are attribute paths (RFC 7644 §3.10), case-insensitive. Names the
// resource type does not have are ignored, so that a client asking for attributes this server
// does not keep still gets an answer; a name that is not an attribute path at all is 400
// invalidValue, and so is giving both parameters.

#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/protocol/filter_binding.hpp"

namespace scim::protocol {

struct projection {
    bool attributes_given = false;
    std::vector<bound_path> attributes;
    std::vector<bound_path> excluded;
};

// Each argument is the raw comma-separated parameter, or nullopt when absent.
projection parse_projection(std::optional<std::string_view> attributes,
                            std::optional<std::string_view> excluded_attributes, schema_registry const& registry,
                            resource_type const& type);

// Whether a response shaped by `p` shows any of attribute `a` (of schema `urn`, "" for the
// core schema): lets a caller skip computing what would be left out (Group members, User
// groups).
bool returns_attribute(projection const& p, attribute const& a, std::string_view urn);

// `resource` as render_resource makes it, reduced to what `p` asks for; "schemas" lists the
// extensions still present.
boost::json::object apply_projection(schema_registry const& registry, resource_type const& type,
                                     boost::json::object resource, projection const& p);

}  // namespace scim::protocol
