#include "scim/service/organization_group_members.hpp"

#include "admin_authentication.hpp"
#include "admin_write.hpp"
#include "organization_group_lookup.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/groups.hpp"
#include "scim/domain/sync_lock.hpp"

namespace scim::service {

group_account_page list_group_accounts(context const& ctx, admin_request const& req, std::string const& group_id,
                                       std::int64_t offset, std::int64_t limit) {
    return as_admin(ctx, req, [&](store::lease& lease, std::string const&) {
        group_account_page out;
        lease.read([&](store::session& s) {
            auto const g = group_head_of(s, req, group_id, false);
            out.total = g.member_count;
            out.members =
                store::list_group_accounts(s, req.organization_id, g.id, g.synced_by.has_value(), offset, limit);
        });
        return out;
    });
}

void add_group_account(context const& ctx, admin_request const& req, std::string const& group_id,
                       std::string const& account_id) {
    audited_admin_write(ctx, req, {"group.member.add", "Group", 204}, group_id, [&](admin_write& write) {
        write.account(account_id);
        write.transact([&](store::session& s) {
            auto const g = group_head_of(s, req, group_id, true);
            domain::check_group_edit(directory_lock(g.synced_by), domain::group_change::membership);
            if (!store::lock_group_candidate(s, req.organization_id, account_id)) {
                throw core::error(core::error_type::not_found, "no account " + account_id + " in this organization");
            }
            // The group is locked, so its count is still the one read: one more when the account
            // was not a member yet. Checked after the change; the error rolls it back.
            if (store::add_group_account(s, g.id, account_id)) {
                domain::check_group_size(g.member_count + 1,
                                         static_cast<std::int64_t>(ctx.config.scim.max_group_members));
                // The account the entry names (accountId) became a member.
                write.changed("member", false, true);
            }
        });
    });
}

void remove_group_account(context const& ctx, admin_request const& req, std::string const& group_id,
                          std::string const& account_id) {
    audited_admin_write(ctx, req, {"group.member.remove", "Group", 204}, group_id, [&](admin_write& write) {
        write.account(account_id);
        write.transact([&](store::session& s) {
            auto const g = group_head_of(s, req, group_id, true);
            domain::check_group_edit(directory_lock(g.synced_by), domain::group_change::membership);
            if (store::remove_group_account(s, g.id, account_id)) write.changed("member", true, false);
        });
    });
}

}  // namespace scim::service
