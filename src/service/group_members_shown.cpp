#include "group_members_shown.hpp"

#include "scim/store/scim_group_members.hpp"

namespace scim::service {

void read_members_shown(context const& ctx, store::session& s, protocol::projection const& projection,
                        std::vector<group_view>& groups) {
    auto const* members = ctx.registry.find_schema(ctx.registry.group_type().schema)->find_attribute("members");
    if (groups.empty() || !members || !protocol::returns_attribute(projection, *members, "")) return;
    std::vector<std::string> ids;
    for (auto const& g : groups) {
        if (g.row.member_count > 0) ids.push_back(g.row.id);
    }
    auto by_group =
        store::first_members_of_groups(s, ids, static_cast<std::int64_t>(ctx.config.scim.max_members_shown));
    for (auto& g : groups) {
        auto found = by_group.find(g.row.id);
        g.members = found == by_group.end() ? std::vector<store::group_member>{} : std::move(found->second);
    }
}

}  // namespace scim::service
