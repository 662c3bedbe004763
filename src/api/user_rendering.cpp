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

}  // namespace

boost::json::object render_user(protocol::schema_registry const& registry, std::string const& base_url,
                                service::user_view const& user, protocol::projection const& projection) {
    auto const& row = user;
    auto attributes = boost::json::parse(row.attributes_json).as_object();
    if (!user.groups.empty()) {
        // Every membership is direct: members are Users only (no nested groups).
        boost::json::array shown;
        for (auto const& g : user.groups) {
            shown.push_back(boost::json::object{{"value", g.group_id},
                                                {"$ref", base_url + "/Groups/" + g.group_id},
                                                {"display", g.display_name},
                                                {"type", "direct"}});
        }
        attributes["groups"] = std::move(shown);
    }
    if (row.account) attributes[account_extension_urn] = account_extension(*row.account, user.site_memberships);
    protocol::resource_meta meta{row.created, row.last_modified, base_url + "/Users/" + row.id, row.version};
    auto const& type = registry.user_type();
    return protocol::apply_projection(registry, type,
                                      protocol::render_resource(registry, type, row.id, attributes, meta), projection);
}

}  // namespace scim::api
