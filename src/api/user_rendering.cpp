#include "user_rendering.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include "scim/protocol/rendering.hpp"

namespace scim::api {
namespace {

constexpr char const* account_extension_urn = "urn:scimd:params:scim:schemas:extension:account:2.0:User";

// The scimd account extension (schemas/scim/scimd_account.json) of the linked account.
boost::json::object account_extension(store::account_facts const& a) {
    boost::json::object out{{"accountId", a.id},
                            {"accountType", domain::to_string(a.type)},
                            {"lifecycle", domain::to_string(a.lifecycle)},
                            {"synced", a.synced_by.has_value()},
                            {"emailVerified", a.email_verified}};
    if (a.synced_by) out["syncedBy"] = *a.synced_by;
    if (a.last_active) out["lastActive"] = *a.last_active;
    boost::json::object two_step{{"enrolled", a.two_step_enrolled}};
    if (a.two_step_excluded_until) two_step["excludedUntil"] = *a.two_step_excluded_until;
    out["twoStepVerification"] = std::move(two_step);
    return out;
}

}  // namespace

bool shows_groups(context const& ctx, protocol::projection const& projection) {
    auto const* groups = ctx.registry.find_schema(ctx.registry.user_type().schema)->find_attribute("groups");
    return groups && protocol::returns_attribute(projection, *groups, "");
}

boost::json::object render_user(context const& ctx, std::string const& base_url, store::user_row const& row,
                                protocol::projection const& projection,
                                std::vector<store::group_reference> const& groups) {
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    if (!groups.empty()) {
        // Every membership is direct: members are Users only (no nested groups).
        boost::json::array shown;
        for (auto const& g : groups) {
            shown.push_back(boost::json::object{{"value", g.group_id},
                                                {"$ref", base_url + "/Groups/" + g.group_id},
                                                {"display", g.display_name},
                                                {"type", "direct"}});
        }
        attributes["groups"] = std::move(shown);
    }
    if (row.account) attributes[account_extension_urn] = account_extension(*row.account);
    protocol::resource_meta meta{row.created, row.last_modified, base_url + "/Users/" + row.id, row.version};
    auto const& type = ctx.registry.user_type();
    return protocol::apply_projection(ctx.registry, type, protocol::render_resource(ctx.registry, type, row.id, attributes, meta),
                                      projection);
}

user_page_view::user_page_view(context const& ctx, soci::session& s, protocol::projection const& projection,
                     std::vector<store::listed<store::user_row>> const& rows)
    : ctx_(ctx), projection_(projection) {
    if (rows.empty() || !shows_groups(ctx, projection)) return;
    std::vector<std::string> ids;
    for (auto const& r : rows) ids.push_back(r.row.id);
    groups_ = store::groups_of_users(s, ids);
}

boost::json::object user_page_view::render(std::string const& base_url, store::user_row const& row) const {
    static std::vector<store::group_reference> const none;
    auto const found = groups_.find(row.id);
    return render_user(ctx_, base_url, row, projection_, found == groups_.end() ? none : found->second);
}

}  // namespace scim::api
