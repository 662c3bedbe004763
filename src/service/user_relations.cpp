#include "user_relations.hpp"

#include "scim/store/scim_group_members.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::service {
namespace {

constexpr char const* account_extension_urn = "urn:scimd:params:scim:schemas:extension:account:2.0:User";

bool shows_groups(context const& ctx, protocol::projection const& projection) {
    auto const* groups = ctx.registry.find_schema(ctx.registry.user_type().schema)->find_attribute("groups");
    return groups && protocol::returns_attribute(projection, *groups, "");
}

bool shows_site_memberships(context const& ctx, protocol::projection const& projection) {
    auto const* extension = ctx.registry.find_schema(account_extension_urn);
    auto const* memberships = extension ? extension->find_attribute("siteMemberships") : nullptr;
    return memberships && protocol::returns_attribute(projection, *memberships, account_extension_urn);
}

template <typename Value>
std::vector<Value> take(std::map<std::string, std::vector<Value>>& by_user, std::string const& user_id) {
    auto const found = by_user.find(user_id);
    return found == by_user.end() ? std::vector<Value>{} : std::move(found->second);
}

}  // namespace

void read_relations(context const& ctx, store::session& s, protocol::projection const& projection,
                    std::vector<user_view>& users) {
    if (users.empty()) return;
    std::vector<std::string> ids;
    ids.reserve(users.size());
    for (auto const& u : users) ids.push_back(u.row.id);
    if (shows_groups(ctx, projection)) {
        auto groups = store::groups_of_users(s, ids);
        for (auto& u : users) u.groups = take(groups, u.row.id);
    }
    if (shows_site_memberships(ctx, projection)) {
        auto memberships = store::site_memberships_of_users(s, ids);
        for (auto& u : users) u.site_memberships = take(memberships, u.row.id);
    }
}

user_view with_relations(context const& ctx, store::session& s, protocol::projection const& projection,
                         store::user_row row) {
    std::vector<user_view> one{user_view{std::move(row), {}, {}}};
    read_relations(ctx, s, projection, one);
    return std::move(one.front());
}

}  // namespace scim::service
