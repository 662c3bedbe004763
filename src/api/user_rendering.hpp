#pragma once
// A User as clients see it: its attributes, "groups" from its group memberships (RFC 7643
// §4.1.2, readOnly), the scimd account extension with its siteMemberships, meta, and the
// projection the request asked for (RFC 7644 §3.9).

#include <string>

#include <boost/json/object.hpp>

#include "scim/protocol/projection.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/service/scim_users.hpp"

namespace scim::api {

boost::json::object render_user(protocol::schema_registry const& registry, std::string const& base_url,
                                service::user_view const& user, protocol::projection const& projection);

}  // namespace scim::api
