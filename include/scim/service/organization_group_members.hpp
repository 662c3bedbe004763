#pragma once
// The members of an organization's groups as accounts, through the admin API (DOMAIN.md
// "group membership"): listed for any group (a synced group's are the accounts behind its SCIM
// members), changed in the groups the admin keeps only: a synced group's membership is its
// identity provider's (domain::check_group_edit, core::error(forbidden) naming the directory).
// Another organization's group is not found (core::error(not_found)).

#include <cstdint>
#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/organization_group_members.hpp"

namespace scim::service {

struct group_account_page {
    std::int64_t total = 0;  // the group's member count
    std::vector<store::group_account> members;
};
// One page of the group's members, in the order of the membership key: `offset` skipped, at
// most `limit`.
group_account_page list_group_accounts(context const& ctx, admin_request const& req, std::string const& group_id,
                                       std::int64_t offset, std::int64_t limit);

// Set semantics: adding a member twice, or removing an account that is no member, is not an
// error. The account must be one the organization sees and not deleted (core::error(not_found)
// otherwise); a group holds at most --max-group-members (domain::check_group_size).
void add_group_account(context const& ctx, admin_request const& req, std::string const& group_id,
                       std::string const& account_id);
void remove_group_account(context const& ctx, admin_request const& req, std::string const& group_id,
                          std::string const& account_id);

}  // namespace scim::service
