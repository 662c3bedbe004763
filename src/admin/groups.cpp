// An organization's groups through the admin API (DOMAIN.md "group"): the synced ones its
// directories push and the ones its admins keep, in one list. An admin creates, renames and
// deletes the groups it keeps and puts accounts in them; a synced group's name, membership
// and existence are its identity provider's (domain::check_group_edit, 403 naming the
// directory). Any group's product grants are the admin's to configure.

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/domain/groups.hpp"
#include "scim/domain/sites.hpp"
#include "scim/domain/sync_lock.hpp"
#include "scim/store/group_accounts.hpp"
#include "scim/store/group_members.hpp"
#include "scim/store/organization_groups.hpp"
#include "admin_requests.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object grant_json(store::product_grant const& g) {
    return {{"site", json::object{{"id", g.site_id}, {"name", g.site_name}}}, {"product", g.product}, {"grantedAt", g.granted_at}};
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

[[noreturn]] void no_such_group(std::string const& id) {
    throw core::error(core::error_type::not_found, "no group " + id + " in this organization");
}

// The group, when it is the organization's (another organization's is 404 like a missing one);
// `for_update` locks it, as every change of it, its members or its grants does first.
store::organization_group group_of(soci::session& s, std::string const& organization, std::string const& id,
                                   bool for_update = false) {
    auto g = store::find_organization_group(s, organization, id, for_update);
    if (!g) no_such_group(id);
    return std::move(*g);
}

// The directory that pushes the group, by name, for the sync lock's message.
std::optional<std::string> directory_lock(store::organization_group const& g) {
    if (!g.synced_by) return std::nullopt;
    return g.synced_by->name;
}

// {"displayName": "…", "description": "…" | null}; `creating` requires displayName.
store::group_details_change read_details(json::object const& body, bool creating) {
    store::group_details_change change;
    for (auto const& m : body) {
        if (m.key() == "displayName") {
            if (!m.value().is_string()) throw core::error(core::error_type::invalid_value, "\"displayName\" must be a string");
            change.display_name = domain::normalize_group_name(m.value().as_string());
        } else if (m.key() == "description") {
            if (!m.value().is_string() && !m.value().is_null()) {
                throw core::error(core::error_type::invalid_value, "\"description\" must be a string or null");
            }
            change.description = m.value().is_null() ? std::nullopt : std::optional<std::string>(m.value().as_string());
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

// The listing's ?displayName= (its prefix, any case); "" for every group.
std::string display_name_prefix(http::request const& req) {
    for (auto& [key, value] : http::query_parameters(req.query)) {
        if (core::iequals(key, "displayName")) return std::move(value);
    }
    return {};
}

http::response no_content() {
    http::response res;
    res.status = 204;
    return res;
}

}  // namespace

void add_group_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/groups";

    routes.add("POST", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const details = read_details(read_json(ctx, req), true);
        std::optional<store::organization_group> created;
        ctx.db.transact([&](soci::session& s) {
            created = store::create_admin_group(s, organization, *details.display_name, details.description.value_or(std::nullopt));
        });
        return json_response(201, group_json(*created));
    });

    // ?startIndex=1&count=100&displayName=<prefix, any case>
    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const wanted = read_page(ctx, req);
        auto const prefix = display_name_prefix(req);
        store::organization_group_page page;
        ctx.db.read([&](soci::session& s) {
            page = store::list_organization_groups(s, organization, prefix, wanted.start_index - 1, wanted.count);
        });
        json::array groups;
        for (auto const& g : page.groups) groups.push_back(group_json(g));
        return json_response(200, json::object{{"totalResults", page.total}, {"startIndex", wanted.start_index},
                                               {"groups", std::move(groups)}});
    });

    routes.add("GET", base + "/{group}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        std::optional<store::organization_group> g;
        ctx.db.read([&](soci::session& s) { g = group_of(s, organization, p.at("group")); });
        return json_response(200, group_json(*g));
    });

    routes.add("PATCH", base + "/{group}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const change = read_details(read_json(ctx, req), false);
        std::optional<store::organization_group> after;
        ctx.db.transact([&](soci::session& s) {
            auto const g = group_of(s, organization, p.at("group"), true);
            if (change.display_name) domain::check_group_edit(directory_lock(g), domain::group_change::name);
            store::change_group_details(s, g.id, change);
            after = group_of(s, organization, g.id);
        });
        return json_response(200, group_json(*after));
    });

    routes.add("DELETE", base + "/{group}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const g = group_of(s, organization, p.at("group"), true);
            domain::check_group_edit(directory_lock(g), domain::group_change::deletion);
            store::delete_admin_group(s, g.id);
        });
        return no_content();
    });

    // The members as accounts, a page at a time; totalResults is the member count.
    routes.add("GET", base + "/{group}/members", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const wanted = read_page(ctx, req);
        std::optional<store::organization_group> g;
        std::vector<store::group_account> members;
        ctx.db.read([&](soci::session& s) {
            g = group_of(s, organization, p.at("group"));
            members = store::list_group_accounts(s, organization, g->id, g->synced_by.has_value(), wanted.start_index - 1, wanted.count);
        });
        json::array listed;
        for (auto const& a : members) listed.push_back(member_json(a));
        return json_response(200, json::object{{"totalResults", g->member_count}, {"startIndex", wanted.start_index},
                                               {"members", std::move(listed)}});
    });

    // Set semantics: PUT adds the account, DELETE removes it; adding a member twice, or removing
    // an account that is no member, is not an error. Admin-kept groups only (the sync lock).
    for (auto const* method : {"PUT", "DELETE"}) {
        bool const adding = std::string_view(method) == "PUT";
        routes.add(method, base + "/{group}/members/{account}", [&ctx, adding](http::request const& req, http::route_params const& p) {
            auto const& organization = p.at("organization");
            authenticate_admin(ctx, req, organization);
            ctx.db.transact([&](soci::session& s) {
                auto const g = group_of(s, organization, p.at("group"), true);
                domain::check_group_edit(directory_lock(g), domain::group_change::membership);
                if (!adding) {
                    store::remove_group_account(s, g.id, p.at("account"));
                } else if (store::add_group_account(s, organization, g.id, p.at("account"))) {
                    domain::check_group_size(store::member_count(s, g.id), static_cast<std::int64_t>(ctx.config.scim.max_group_members));
                }
            });
            return no_content();
        });
    }

    routes.add("GET", base + "/{group}/products", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        std::optional<store::organization_group> g;
        ctx.db.read([&](soci::session& s) { g = group_of(s, organization, p.at("group")); });
        return json_response(200, json::object{{"productGrants", grants_json(g->product_grants)}});
    });

    // A grant is a resource of its own, named by site and product: PUT grants, DELETE revokes,
    // both idempotent. Any group of the organization, synced or not.
    for (auto const* method : {"PUT", "DELETE"}) {
        bool const granting = std::string_view(method) == "PUT";
        routes.add(method, base + "/{group}/sites/{site}/products/{product}",
                   [&ctx, granting](http::request const& req, http::route_params const& p) {
                       auto const& organization = p.at("organization");
                       authenticate_admin(ctx, req, organization);
                       ctx.db.transact([&](soci::session& s) {
                           auto const g = group_of(s, organization, p.at("group"), true);
                           domain::check_group_edit(directory_lock(g), domain::group_change::product_grants);
                           auto const change = granting ? store::grant_group_product : store::revoke_group_product;
                           change(s, organization, g.id, p.at("site"), domain::normalize_product(p.at("product")));
                       });
                       return no_content();
                   });
    }
}

}  // namespace scim::admin
