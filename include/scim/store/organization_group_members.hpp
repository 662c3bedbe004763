#pragma once
// Groups and accounts as an organization's admins see them: the accounts an admin puts in
// the groups it keeps (group_account_members, set semantics), the members of any group as
// accounts (a synced group's are the accounts behind its SCIM members), and the groups of an
// account.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/accounts.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

// Whether the account may be put in the organization's groups: it is visible to the
// organization (managed by it, linked by one of its directories, or a member of one of its
// sites) and not deleted. When it may, it stays so until the transaction ends (an erasure waits).
bool lock_group_candidate(session& s, std::string const& organization_id, std::string const& account_id);

// Adds the account (checked by lock_group_candidate) to the admin-kept group (call with the
// group locked); answers whether it was not a member yet. The member count follows by trigger.
bool add_group_account(session& s, std::string const& group_id, std::string const& account_id);
// Answers whether the account was a member.
bool remove_group_account(session& s, std::string const& group_id, std::string const& account_id);

struct group_account {
    std::string id;
    std::optional<std::string> email;
    std::optional<std::string> display_name;
    domain::account_type type = domain::account_type::external;  // for the organization asking
};
// One page of a group's members as accounts, in the order of the membership key (so a page
// costs its own size): `offset` skipped, at most `limit`. `synced`: the group is pushed by a
// directory, its members are SCIM Users, each linked to one account.
std::vector<group_account> list_group_accounts(session& s, std::string const& organization_id,
                                               std::string const& group_id, bool synced, std::int64_t offset,
                                               std::int64_t limit);

struct account_group {
    std::string id;
    std::string display_name;
    bool synced = false;
};
// The organization's groups, of either kind, that the account belongs to, by displayName.
std::vector<account_group> groups_of_account(session& s, std::string const& organization_id,
                                             std::string const& account_id);

}  // namespace scim::store
