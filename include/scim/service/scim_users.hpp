#pragma once
// SCIM Users of a directory (RFC 7644 §3.3 create, §3.4.1 retrieve, §3.4.2 list, §3.5.1
// replace, §3.5.2 modify, §3.6 delete), each one use case on one connection: the directory's
// token checked, the write and its journal entry in one transaction, the account behind the
// user kept in step (DOMAIN.md "SCIM mapping").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/list_query.hpp"
#include "scim/service/context.hpp"
#include "scim/service/listed_page.hpp"
#include "scim/service/scim_request.hpp"
#include "scim/store/scim_users.hpp"

namespace scim::service {

// A User as its response shows it: the stored row with its account's facts and what other
// tables hold — its groups (RFC 7643 §4.1.2) and its account's memberships of the
// organization's sites — each read, in the same statement, only when the projection shows it.
using user_view = store::user_row;

// The answer to a request for one User: the user, or only its version when the response has
// no body (304 Not Modified, a PATCH answered 204).
struct user_answer {
    std::optional<user_view> user;
    std::int64_t version = 0;
};

user_view create_user(context const& ctx, scim_request const& req);
user_answer read_user(context const& ctx, scim_request const& req, std::string const& id);
user_view replace_user(context const& ctx, scim_request const& req, std::string const& id);
user_answer patch_user(context const& ctx, scim_request const& req, std::string const& id);
void delete_user(context const& ctx, scim_request const& req, std::string const& id);
listed_page<user_view> list_users(context const& ctx, scim_request const& req, protocol::list_query const& query);

}  // namespace scim::service
