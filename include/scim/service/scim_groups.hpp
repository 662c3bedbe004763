#pragma once
// SCIM Groups of a directory (RFC 7644 §3.3, §3.4.1, §3.4.2, §3.5.1, §3.5.2, §3.6) and their
// member listing, each one use case on one connection. Members are set operations in SQL
// (store/group_members.hpp): no request loads a group's member list to change it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/list_query.hpp"
#include "scim/service/context.hpp"
#include "scim/service/listed_page.hpp"
#include "scim/service/scim_request.hpp"
#include "scim/store/scim_group_members.hpp"
#include "scim/store/scim_groups.hpp"

namespace scim::service {

// A Group as its response shows it: the stored row and, unless the projection leaves them out,
// its first --max-members-shown members (nullopt: not shown, and not read).
struct group_view {
    store::group_row row;
    std::optional<std::vector<store::group_member>> members;
};

// The answer to a request for one Group: the group, or only its version when the response has
// no body (304 Not Modified, a PATCH answered 204).
struct group_answer {
    std::optional<group_view> group;
    std::int64_t version = 0;
};

group_view create_group(context const& ctx, scim_request const& req);
group_answer read_group(context const& ctx, scim_request const& req, std::string const& id);
group_view replace_group(context const& ctx, scim_request const& req, std::string const& id);
group_answer patch_group(context const& ctx, scim_request const& req, std::string const& id);
void delete_group(context const& ctx, scim_request const& req, std::string const& id);
// Every group's members are read for the whole page in one query.
listed_page<group_view> list_groups(context const& ctx, scim_request const& req, protocol::list_query const& query);

// GET /Groups/{id}/members: a page of a group's members in member id order, by index or by an
// RFC 9865 cursor bound to the directory's group (forward only). It takes count, startIndex and
// cursor only (core::error(invalid_value) for filter, sortBy or a projection).
struct member_page {
    std::int64_t total = 0;  // the group's member count
    std::int64_t start_index = 1;
    bool cursor_paging = false;
    std::optional<std::string> next_cursor;
    std::vector<store::group_member> members;
};
member_page list_group_members(context const& ctx, scim_request const& req, std::string const& id,
                               protocol::list_query const& query);

}  // namespace scim::service
