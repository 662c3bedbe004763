#pragma once
// What a User shows that other tables hold (its groups, its account's site memberships) is read
// with the user, in the same statement, and only when the response shows it.

#include "scim/protocol/projection.hpp"
#include "scim/service/context.hpp"
#include "scim/store/scim_users.hpp"

namespace scim::service {

// The relations a response shaped by `projection` shows.
store::user_relations relations_shown(context const& ctx, protocol::projection const& projection);

}  // namespace scim::service
