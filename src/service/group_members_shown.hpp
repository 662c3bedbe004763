#pragma once
// The members a Group response shows: its first --max-members-shown members, read only when
// the response's projection shows them, for a whole page of groups in one query.

#include <vector>

#include "scim/protocol/projection.hpp"
#include "scim/service/context.hpp"
#include "scim/service/scim_groups.hpp"

namespace scim::store {
class session;
}

namespace scim::service {

// Sets `members` of each of `groups` when a response shaped by `projection` shows them
// (leaves it nullopt, and reads nothing, when it does not: excludedAttributes=members).
void read_members_shown(context const& ctx, store::session& s, protocol::projection const& projection,
                        std::vector<group_view>& groups);

}  // namespace scim::service
