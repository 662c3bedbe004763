// A site's users through the admin API (service/site_users.hpp): invite, list, show, suspend,
// restore, the activity hook, remove, and direct product access; and the organization's Users
// page over all its sites (service/organization_users.hpp).

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/domain/sites.hpp"
#include "scim/service/organization_users.hpp"
#include "scim/service/site_users.hpp"
#include "site_parameters.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

// [{"product": "jira", "via": [{"type": "direct"}, {"type": "group", "id", "displayName"}]}]
json::array products_json(std::vector<store::product_access> const& products) {
    json::array out;
    for (auto const& access : products) {
        json::array via;
        if (access.direct) via.push_back(json::object{{"type", "direct"}});
        for (auto const& g : access.groups) {
            via.push_back(json::object{{"type", "group"}, {"id", g.id}, {"displayName", g.display_name}});
        }
        out.push_back(json::object{{"product", access.product}, {"via", std::move(via)}});
    }
    return out;
}

json::object user_json(store::site_user const& u) {
    json::object o{{"accountId", u.account_id}};
    put_optional(o, "email", u.email);
    put_optional(o, "displayName", u.display_name);
    o["accountType"] = domain::to_string(u.type);
    o["status"] = domain::to_string(u.status);
    o["invitedAt"] = u.invited_at;
    put_optional(o, "joinedAt", u.joined_at);
    put_optional(o, "lastActiveOnSite", u.last_active_on_site);
    o["products"] = products_json(u.products);
    return o;
}

// A user of the organization's Users page: the account, its status there, its memberships of
// the sites asked for and its groups.
json::object organization_user_json(store::organization_user const& u) {
    json::object o{{"accountId", u.account_id}};
    put_optional(o, "email", u.email);
    put_optional(o, "displayName", u.display_name);
    o["accountType"] = domain::to_string(u.type);
    o["status"] = domain::to_string(u.status);
    json::array sites;
    for (auto const& m : u.sites) {
        json::object site{{"site", m.site_id},
                          {"siteName", m.site_name},
                          {"status", domain::to_string(m.status)},
                          {"invitedAt", m.invited_at}};
        put_optional(site, "joinedAt", m.joined_at);
        put_optional(site, "lastActiveOnSite", m.last_active_on_site);
        site["products"] = products_json(m.products);
        sites.push_back(std::move(site));
    }
    o["sites"] = std::move(sites);
    json::array groups;
    for (auto const& g : u.groups) {
        groups.push_back(json::object{{"id", g.id}, {"displayName", g.display_name}, {"synced", g.synced}});
    }
    o["groups"] = std::move(groups);
    return o;
}

// ?status=invited|active|suspended
std::optional<domain::membership_status> status_parameter(admin_call const& call) {
    auto const value = call.parameter("status");
    if (!value) return std::nullopt;
    if (auto status = domain::parse_membership_status(*value)) return status;
    throw core::error(core::error_type::invalid_value, "status must be invited, active or suspended");
}

// {"accountId": …} or {"email": …}
service::invitee_name invitee_of(json::object const& body) {
    auto const* id = body.if_contains("accountId");
    auto const* email = body.if_contains("email");
    if ((id == nullptr) == (email == nullptr) || (id && !id->is_string()) || (email && !email->is_string())) {
        throw core::error(core::error_type::invalid_value, "give either \"accountId\" or \"email\" (a string)");
    }
    service::invitee_name named;
    if (id) named.account_id = checked_text("accountId", id->as_string(), line_rule);
    if (email) named.email = checked_text("email", email->as_string(), line_rule);
    return named;
}

// {"accountId": "…"} or {"email": "…"}: an unknown address gets a new account (claimed when the
// organization claimed its domain, external otherwise).
http::response invite(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const invitee = invitee_of(read_json(ctx, req));
    return json_response(201, user_json(service::invite_site_user(ctx, call.request, p.at("site"), invitee)));
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const status = status_parameter(call);
    auto const wanted = read_page(ctx, call);
    auto const page =
        service::list_site_users(ctx, call.request, p.at("site"), status, wanted.start_index - 1, wanted.count);
    json::array users;
    for (auto const& u : page.users) users.push_back(user_json(u));
    return json_response(
        200,
        json::object{{"totalResults", page.total}, {"startIndex", wanted.start_index}, {"users", std::move(users)}});
}

// The organization's Users page: ?status=…&site=…&startIndex=…&count=…
http::response list_organization(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    store::organization_users_query query;
    query.status = status_parameter(call);
    query.site_ids = site_parameters(ctx, call);
    auto const wanted = read_page(ctx, call);
    query.offset = wanted.start_index - 1;
    query.limit = wanted.count;
    auto const page = service::list_organization_users(ctx, call.request, std::move(query));
    json::array users;
    for (auto const& u : page.users) users.push_back(organization_user_json(u));
    return json_response(
        200,
        json::object{
            {"totalResults", page.total},
            {"startIndex", wanted.start_index},
            {"counts", json::object{{"invited", page.invited}, {"active", page.active}, {"suspended", page.suspended}}},
            {"users", std::move(users)}});
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const user = service::show_site_user(ctx, admin_call_of(req, p).request, p.at("site"), p.at("account"));
    return json_response(200, user_json(user));
}

http::response membership_change(service::context const& ctx, http::request const& req, http::route_params const& p,
                                 domain::membership_action action) {
    auto const user =
        service::change_site_membership(ctx, admin_call_of(req, p).request, p.at("site"), p.at("account"), action);
    return json_response(200, user_json(user));
}

http::response suspend(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return membership_change(ctx, req, p, domain::membership_action::suspend);
}

http::response restore(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return membership_change(ctx, req, p, domain::membership_action::restore);
}

// The hook a product site calls when the account uses it, which turns an invitation into an
// active membership.
http::response activity(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return membership_change(ctx, req, p, domain::membership_action::use);
}

http::response remove(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::remove_site_user(ctx, admin_call_of(req, p).request, p.at("site"), p.at("account"));
    return no_content();
}

// Direct product access: PUT grants, DELETE revokes.
http::response grant_product(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const user = service::grant_product_access(ctx, admin_call_of(req, p).request, p.at("site"), p.at("account"),
                                                    p.at("product"));
    return json_response(200, user_json(user));
}

http::response revoke_product(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const user = service::revoke_product_access(ctx, admin_call_of(req, p).request, p.at("site"), p.at("account"),
                                                     p.at("product"));
    return json_response(200, user_json(user));
}

}  // namespace

void add_site_user_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/sites/{site}/users";
    routes.add("POST", base, bind(ctx, invite));
    routes.add("GET", base, bind(ctx, list));
    routes.add("GET", base + "/{account}", bind(ctx, show));
    routes.add("POST", base + "/{account}/suspend", bind(ctx, suspend));
    routes.add("POST", base + "/{account}/restore", bind(ctx, restore));
    routes.add("POST", base + "/{account}/activity", bind(ctx, activity));
    routes.add("DELETE", base + "/{account}", bind(ctx, remove));
    routes.add("PUT", base + "/{account}/products/{product}", bind(ctx, grant_product));
    routes.add("DELETE", base + "/{account}/products/{product}", bind(ctx, revoke_product));
    routes.add("GET", "/admin/organizations/{organization}/users", bind(ctx, list_organization));
}

}  // namespace scim::admin
