// An organization's groups through the admin API (service/organization_groups.hpp and
// service/organization_group_members.hpp): both kinds in one list; create, rename and delete the groups the
// admin keeps, their account members, and any group's product grants.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/config.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/service/organization_group_members.hpp"
#include "scim/service/organization_groups.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object grant_json(store::product_grant const& g) {
    return {{"site", json::object{{"id", g.site_id}, {"name", g.site_name}}},
            {"product", g.product},
            {"grantedAt", g.granted_at}};
}

json::array grants_json(std::vector<store::product_grant> const& grants) {
    json::array out;
    for (auto const& g : grants) out.push_back(grant_json(g));
    return out;
}

json::object group_json(store::organization_group const& g) {
    json::object o{{"id", g.id}, {"displayName", g.display_name}};
    put_optional(o, "description", g.description);
    o["synced"] = g.synced_by.has_value();
    if (g.synced_by) o["syncedBy"] = json::object{{"id", g.synced_by->id}, {"name", g.synced_by->name}};
    o["memberCount"] = g.member_count;
    o["productGrants"] = grants_json(g.product_grants);
    o["created"] = g.created;
    o["lastModified"] = g.last_modified;
    return o;
}

json::object member_json(store::group_account const& a) {
    json::object o{{"id", a.id}};
    put_optional(o, "email", a.email);
    put_optional(o, "displayName", a.display_name);
    o["accountType"] = domain::to_string(a.type);
    return o;
}

// A description may span lines (docs/errors.md "Limits").
constexpr core::text_rule description_rule{core::text_limits::text_bytes, true};

// {"displayName": "…", "description": "…" | null}; `creating` requires displayName. The name
// is the use case's to normalize.
store::group_details_change read_details(json::object const& body, bool creating) {
    store::group_details_change change;
    for (auto const& m : body) {
        if (m.key() == "displayName") {
            if (!m.value().is_string())
                throw core::error(core::error_type::invalid_value, "\"displayName\" must be a string");
            change.display_name = checked_text("displayName", m.value().as_string(), line_rule);
        } else if (m.key() == "description") {
            if (!m.value().is_string() && !m.value().is_null()) {
                throw core::error(core::error_type::invalid_value, "\"description\" must be a string or null");
            }
            change.description =
                m.value().is_null()
                    ? std::nullopt
                    : std::optional<std::string>(checked_text("description", m.value().as_string(), description_rule));
        } else {
            throw core::error(core::error_type::invalid_value,
                              "\"" + std::string(m.key()) + "\" is not a field of a group (displayName, description)");
        }
    }
    if (creating && !change.display_name) {
        throw core::error(core::error_type::invalid_value, "\"displayName\" (the group's name) is required");
    }
    return change;
}

http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const details = read_details(read_json(ctx, req), true);
    auto const created =
        service::create_group(ctx, call.request, *details.display_name, details.description.value_or(std::nullopt));
    return json_response(201, group_json(created));
}

// ?startIndex=1&count=100&displayName=<prefix, any case>
http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const wanted = read_page(ctx, call);
    auto const prefix = checked_text("displayName", call.parameter("displayName").value_or(""), line_rule);
    auto const page = service::list_groups(ctx, call.request, prefix, wanted.start_index - 1, wanted.count);
    json::array groups;
    for (auto const& g : page.groups) groups.push_back(group_json(g));
    return json_response(
        200,
        json::object{{"totalResults", page.total}, {"startIndex", wanted.start_index}, {"groups", std::move(groups)}});
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200, group_json(service::show_group(ctx, admin_call_of(req, p).request, p.at("group"))));
}

http::response change(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto details = read_details(read_json(ctx, req), false);
    return json_response(200, group_json(service::change_group(ctx, call.request, p.at("group"), std::move(details))));
}

http::response remove(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::delete_group(ctx, admin_call_of(req, p).request, p.at("group"));
    return no_content();
}

// The members as accounts, a page at a time; totalResults is the member count.
http::response list_members(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const wanted = read_page(ctx, call);
    auto const page =
        service::list_group_accounts(ctx, call.request, p.at("group"), wanted.start_index - 1, wanted.count);
    json::array listed;
    for (auto const& a : page.members) listed.push_back(member_json(a));
    return json_response(
        200,
        json::object{{"totalResults", page.total}, {"startIndex", wanted.start_index}, {"members", std::move(listed)}});
}

// Set semantics: PUT adds the account, DELETE removes it; adding a member twice, or removing
// an account that is no member, is not an error. Admin-kept groups only (the sync lock).
http::response add_member(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::add_group_account(ctx, admin_call_of(req, p).request, p.at("group"), p.at("account"));
    return no_content();
}

http::response remove_member(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::remove_group_account(ctx, admin_call_of(req, p).request, p.at("group"), p.at("account"));
    return no_content();
}

http::response list_grants(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const grants = service::list_group_product_grants(ctx, admin_call_of(req, p).request, p.at("group"));
    return json_response(200, json::object{{"productGrants", grants_json(grants)}});
}

// A grant is a resource of its own, named by site and product: PUT grants, DELETE revokes,
// both idempotent. Any group of the organization, synced or not.
http::response grant(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::grant_group_product(ctx, admin_call_of(req, p).request, p.at("group"), p.at("site"), p.at("product"));
    return no_content();
}

http::response revoke(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::revoke_group_product(ctx, admin_call_of(req, p).request, p.at("group"), p.at("site"), p.at("product"));
    return no_content();
}

}  // namespace

void add_group_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/groups";
    routes.add("POST", base, bind(ctx, create));
    routes.add("GET", base, bind(ctx, list));
    routes.add("GET", base + "/{group}", bind(ctx, show));
    routes.add("PATCH", base + "/{group}", bind(ctx, change));
    routes.add("DELETE", base + "/{group}", bind(ctx, remove));
    routes.add("GET", base + "/{group}/members", bind(ctx, list_members));
    routes.add("PUT", base + "/{group}/members/{account}", bind(ctx, add_member));
    routes.add("DELETE", base + "/{group}/members/{account}", bind(ctx, remove_member));
    routes.add("GET", base + "/{group}/products", bind(ctx, list_grants));
    routes.add("PUT", base + "/{group}/sites/{site}/products/{product}", bind(ctx, grant));
    routes.add("DELETE", base + "/{group}/sites/{site}/products/{product}", bind(ctx, revoke));
}

}  // namespace scim::admin
