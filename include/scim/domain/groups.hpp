#pragma once
// The groups an admin keeps next to the ones identity providers push (DOMAIN.md "group"):
// what makes a good displayName, and how many members a group may have. Uniqueness (per organization, ignoring case,
// across both kinds) is the store's, by index; the sync lock is in sync_lock.hpp.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace scim::domain {

// The longest displayName an admin may give a group, in characters.
inline constexpr std::size_t max_group_name_length = 255;

// A displayName as an admin gives it, without surrounding white space. Throws
// core::error(invalid_value) when nothing is left, when it is longer than
// max_group_name_length characters (UTF-8), or when it holds a control character (a line
// break in a name breaks every list that shows it).
std::string normalize_group_name(std::string_view name);

// A configurable limit instead of a silent cap (DOMAIN.md "Known failures"): throws
// core::error(invalid_value) naming `limit` when a group would have `members` > `limit`.
// Checked after a change, inside its transaction, which the error rolls back whole.
void check_group_size(std::int64_t members, std::int64_t limit);

}  // namespace scim::domain
