#pragma once
// A stored User as clients see it: its attributes, "groups" computed from group membership
// (RFC 7643 §4.1.2, readOnly), meta, and the projection the request asked for (RFC 7644 §3.9).

#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/api/context.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/users.hpp"

namespace scim::api {

// Whether a response shaped by `projection` shows "groups": when it does not, nobody reads them.
bool shows_groups(context const& ctx, protocol::projection const& projection);

boost::json::object render_user(context const& ctx, std::string const& base_url, store::user_row const& row,
                                protocol::projection const& projection,
                                std::vector<store::group_reference> const& groups);

}  // namespace scim::api
