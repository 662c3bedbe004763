#pragma once
// Group membership as set operations in SQL (schemas/sql/004_groups.sql): changing one member
// touches one row whatever the size of the group, and nothing here reads a group's member list
// to change it. Adding a member that is already there, or removing one that is not, changes
// nothing and is not an error. Each change updates the group's member count and version (by
// trigger); call these with the group locked (find_group_for_update). Given a `delta`, each
// also records there which members it added or removed (their number, and the first few ids:
// protocol::member_tally), for the journal.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/journal.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

// What adding members did: how many were new, or why nothing was written.
struct member_additions {
    std::int64_t added = 0;
    // The ids that are no User of the directory (the first few, and how many): with any, nothing
    // was written — every id is checked, one indexed probe each, before anything is.
    std::vector<std::string> unknown;
    std::size_t unknown_total = 0;
    // A member was deleted by another request after the check saw it; the transaction is lost.
    bool vanished = false;
    bool refused() const noexcept { return unknown_total > 0 || vanished; }
};

// At most this many unknown ids are named.
inline constexpr std::size_t unknown_members_named = 5;

// Adds the Users `user_ids` of the directory to the group.
member_additions add_members(session& s, std::string const& directory_id, std::string const& group_id,
                             std::vector<std::string> const& user_ids, protocol::member_delta* delta = nullptr);
// Makes the members exactly `user_ids` (checked as for add_members), writing only the
// difference.
member_additions replace_members(session& s, std::string const& directory_id, std::string const& group_id,
                                 std::vector<std::string> const& user_ids, protocol::member_delta* delta = nullptr);
// Each answers how many members it removed.
std::int64_t remove_members(session& s, std::string const& group_id, std::vector<std::string> const& user_ids,
                            protocol::member_delta* delta = nullptr);
// The members matching a value filter's condition (members[value eq "a" or value eq "b"]).
std::int64_t remove_matching_members(session& s, std::string const& group_id, protocol::bound_filter const& condition,
                                     protocol::member_delta* delta = nullptr);
std::int64_t remove_all_members(session& s, std::string const& group_id, protocol::member_delta* delta = nullptr);

// The group's member count as it stands in this transaction.
std::int64_t member_count(session& s, std::string const& group_id);

struct group_member {
    std::string user_id;
    std::string display;  // the User's displayName, else its userName
};

// One page of the members in id order (the order of the primary key, so a page costs its
// own size): the members after `after_user_id` (from the start when nullopt), skipping
// `offset` of them, at most `limit`.
std::vector<group_member> list_members(session& s, std::string const& group_id,
                                       std::optional<std::string> const& after_user_id, std::int64_t offset,
                                       std::int64_t limit);

// The first `limit` members (in id order) of each of `group_ids`, in one query that reads no
// more than `limit` index entries per group; groups without members are absent from the map.
std::map<std::string, std::vector<group_member>> first_members_of_groups(session& s,
                                                                         std::vector<std::string> const& group_ids,
                                                                         std::int64_t limit);

struct group_reference {
    std::string group_id;
    std::string display_name;
};

}  // namespace scim::store
