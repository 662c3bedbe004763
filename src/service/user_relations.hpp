#pragma once
// What a User shows that other tables hold (its groups, its account's site memberships), read
// only when the response shows it, and for a whole page in one query per kind.

#include <vector>

#include "scim/protocol/projection.hpp"
#include "scim/service/context.hpp"
#include "scim/service/scim_users.hpp"

namespace scim::store {
class session;
}

namespace scim::service {

// Fills in the relations of `users` that a response shaped by `projection` shows.
void read_relations(context const& ctx, store::session& s, protocol::projection const& projection,
                    std::vector<user_view>& users);

// One user with its relations.
user_view with_relations(context const& ctx, store::session& s, protocol::projection const& projection,
                         store::user_row row);

}  // namespace scim::service
