#pragma once
// A Group as clients see it: its attributes, the members it shows (at most
// --max-members-shown), the scimd group extension that says how many members there are,
// whether the response shows them all and where to page through them (docs/groups.md), meta,
// and the projection the request asked for (RFC 7644 §3.9).

#include <string>

#include <boost/json/object.hpp>

#include "scim/protocol/projection.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/service/scim_groups.hpp"

namespace scim::api {

boost::json::object render_group(protocol::schema_registry const& registry, std::string const& base_url,
                                 service::group_view const& group, protocol::projection const& projection);

// {"value", "$ref", "display", "type"} of one member (RFC 7643 §4.2).
boost::json::object member_json(std::string const& base_url, store::group_member const& member);

}  // namespace scim::api
