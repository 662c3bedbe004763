#include "user_rendering.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/protocol/rendering.hpp"

namespace scim::api {
namespace {

constexpr char const* account_extension_urn = "urn:scimd:params:scim:schemas:extension:account:2.0:User";

// The scimd account extension (schemas/scim/scimd_account.json) of the linked account.
boost::json::object account_extension(store::account_facts const& a,
                                      std::vector<store::site_membership_reference> const& site_memberships) {
    boost::json::object out{{"accountId", a.id},
                            {"accountType", domain::to_string(a.type)},
                            {"lifecycle", domain::to_string(a.lifecycle)},
                            {"synced", a.synced_by.has_value()},
                            {"emailVerified", a.email_verified}};
    if (a.synced_by) out["syncedBy"] = *a.synced_by;
    if (a.last_active) out["lastActive"] = *a.last_active;
    if (!site_memberships.empty()) {
        boost::json::array shown;
        for (auto const& m : site_memberships) {
            boost::json::array products;
            for (auto const& p : m.products) products.emplace_back(p);
            shown.push_back(boost::json::object{{"site", m.site_id},
                                                {"siteName", m.site_name},
                                                {"status", domain::to_string(m.status)},
                                                {"products", std::move(products)}});
        }
        out["siteMemberships"] = std::move(shown);
    }
    boost::json::object two_step{{"enrolled", a.two_step_enrolled}};
    if (a.two_step_excluded_until) two_step["excludedUntil"] = *a.two_step_excluded_until;
    out["twoStepVerification"] = std::move(two_step);
    return out;
}

// Whether a response shaped by `projection` shows the extension's siteMemberships.
bool shows_site_memberships(context const& ctx, protocol::projection const& projection) {
    auto const* extension = ctx.registry.find_schema(account_extension_urn);
    auto const* memberships = extension ? extension->find_attribute("siteMemberships") : nullptr;
    return memberships && protocol::returns_attribute(projection, *memberships, account_extension_urn);
}

template <typename Value>
std::vector<Value> const& entry_of(std::map<std::string, std::vector<Value>> const& by_user, std::string const& user_id) {
    static std::vector<Value> const none;
    auto const found = by_user.find(user_id);
    return found == by_user.end() ? none : found->second;
}

}  // namespace

bool shows_groups(context const& ctx, protocol::projection const& projection) {
    auto const* groups = ctx.registry.find_schema(ctx.registry.user_type().schema)->find_attribute("groups");
    return groups && protocol::returns_attribute(projection, *groups, "");
}

user_relations read_relations(context const& ctx, soci::session& s, protocol::projection const& projection,
                              std::string const& user_id) {
    user_relations out;
    if (shows_groups(ctx, projection)) out.groups = entry_of(store::groups_of_users(s, {user_id}), user_id);
    if (shows_site_memberships(ctx, projection)) {
        out.site_memberships = entry_of(store::site_memberships_of_users(s, {user_id}), user_id);
    }
    return out;
}

boost::json::object render_user(context const& ctx, std::string const& base_url, store::user_row const& row,
                                protocol::projection const& projection, user_relations const& relations) {
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    if (!relations.groups.empty()) {
        // Every membership is direct: members are Users only (no nested groups).
        boost::json::array shown;
        for (auto const& g : relations.groups) {
            shown.push_back(boost::json::object{{"value", g.group_id},
                                                {"$ref", base_url + "/Groups/" + g.group_id},
                                                {"display", g.display_name},
                                                {"type", "direct"}});
        }
        attributes["groups"] = std::move(shown);
    }
    if (row.account) attributes[account_extension_urn] = account_extension(*row.account, relations.site_memberships);
    protocol::resource_meta meta{row.created, row.last_modified, base_url + "/Users/" + row.id, row.version};
    auto const& type = ctx.registry.user_type();
    return protocol::apply_projection(ctx.registry, type, protocol::render_resource(ctx.registry, type, row.id, attributes, meta),
                                      projection);
}

user_page_view::user_page_view(context const& ctx, soci::session& s, protocol::projection const& projection,
                     std::vector<store::listed<store::user_row>> const& rows)
    : ctx_(ctx), projection_(projection) {
    if (rows.empty()) return;
    std::vector<std::string> ids;
    for (auto const& r : rows) ids.push_back(r.row.id);
    if (shows_groups(ctx, projection)) groups_ = store::groups_of_users(s, ids);
    if (shows_site_memberships(ctx, projection)) site_memberships_ = store::site_memberships_of_users(s, ids);
}

boost::json::object user_page_view::render(std::string const& base_url, store::user_row const& row) const {
    return render_user(ctx_, base_url, row, projection_,
                       user_relations{entry_of(groups_, row.id), entry_of(site_memberships_, row.id)});
}

}  // namespace scim::api
