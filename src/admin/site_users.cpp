// A site's users through the admin API (the seed's "Users page", DOMAIN.md "site membership"):
// invite by account id or email, list with status and product access, suspend, restore,
// remove, grant and revoke product access, and the activity hook a product site calls when an
// account uses it. The transitions are domain/sites.hpp's. For an external user the
// organization manages exactly this (DOMAIN.md), so nothing here needs the account managed.

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/domain/sites.hpp"
#include "scim/store/site_memberships.hpp"
#include "admin_requests.hpp"
#include "site_lookup.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object user_json(store::site_user const& u) {
    json::object o{{"accountId", u.account_id}};
    put_optional(o, "email", u.email);
    put_optional(o, "displayName", u.display_name);
    o["accountType"] = domain::to_string(u.type);
    o["status"] = domain::to_string(u.status);
    o["invitedAt"] = u.invited_at;
    put_optional(o, "joinedAt", u.joined_at);
    put_optional(o, "lastActiveOnSite", u.last_active_on_site);
    json::array products;
    for (auto const& access : u.products) {
        json::array via;
        if (access.direct) via.push_back(json::object{{"type", "direct"}});
        for (auto const& g : access.groups) {
            via.push_back(json::object{{"type", "group"}, {"id", g.id}, {"displayName", g.display_name}});
        }
        products.push_back(json::object{{"product", access.product}, {"via", std::move(via)}});
    }
    o["products"] = std::move(products);
    return o;
}

[[noreturn]] void no_member(std::string const& account) {
    throw core::error(core::error_type::not_found, "no user " + account + " on this site");
}

// The membership of `account` on `site`, locked; 404 when the account is not on the site.
store::membership locked_membership(soci::session& s, std::string const& site, std::string const& account) {
    auto found = store::find_membership(s, site, account, true);
    if (!found) no_member(account);
    return *found;
}

json::object site_user_json(soci::session& s, std::string const& organization, std::string const& site,
                            std::string const& account) {
    auto const user = store::find_site_user(s, organization, site, account);
    if (!user) no_member(account);
    return user_json(*user);
}

std::optional<domain::membership_status> status_parameter(http::request const& req) {
    for (auto const& [key, value] : http::query_parameters(req.query)) {
        if (!core::iequals(key, "status")) continue;
        if (auto status = domain::parse_membership_status(value)) return status;
        throw core::error(core::error_type::invalid_value, "status must be invited, active or suspended");
    }
    return std::nullopt;
}

// The invitee named by {"accountId": …} or {"email": …}.
store::invitee invitee_of(soci::session& s, std::string const& organization, json::object const& body) {
    auto const* id = body.if_contains("accountId");
    auto const* email = body.if_contains("email");
    if ((id == nullptr) == (email == nullptr) || (id && !id->is_string()) || (email && !email->is_string())) {
        throw core::error(core::error_type::invalid_value, "give either \"accountId\" or \"email\" (a string)");
    }
    if (id) {
        auto found = store::find_invitee(s, organization, std::string(id->as_string()));
        if (!found) throw core::error(core::error_type::not_found, "no account " + std::string(id->as_string()) + " in this organization");
        return *found;
    }
    std::string const address(email->as_string());
    if (!domain::email_domain(address)) {
        throw core::error(core::error_type::invalid_value, "\"" + address + "\" is not an email address");
    }
    return store::find_or_create_invitee(s, organization, address);
}

// The product named in the URL, which the site must offer.
std::string offered_product(store::site_row const& site, std::string const& named) {
    auto product = domain::normalize_product(named);
    domain::require_offered(site.products, product);
    return product;
}

}  // namespace

void add_site_user_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/sites/{site}/users";

    // {"accountId": "…"} or {"email": "…"}: an unknown address gets a new account (claimed
    // when the organization verified its domain, external otherwise).
    routes.add("POST", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        json::object shown;
        ctx.db.transact([&](soci::session& s) {
            auto const site = require_site(s, organization, p.at("site"), false);
            auto const account = invitee_of(s, organization, body);
            auto const existing = store::find_membership(s, site.id, account.id, true);
            domain::check_invitation(account.lifecycle, existing ? std::optional(existing->status) : std::nullopt);
            store::insert_membership(s, site.id, account.id);
            shown = site_user_json(s, organization, site.id, account.id);
        });
        return json_response(201, shown);
    });

    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const status = status_parameter(req);
        auto const wanted = read_page(ctx, req);
        store::site_user_page page;
        ctx.db.read([&](soci::session& s) {
            auto const site = require_site(s, organization, p.at("site"), false);
            page = store::list_site_users(s, organization, site.id, status, wanted.start_index - 1, wanted.count);
        });
        json::array users;
        for (auto const& u : page.users) users.push_back(user_json(u));
        return json_response(200, json::object{{"totalResults", page.total}, {"startIndex", wanted.start_index},
                                               {"users", std::move(users)}});
    });

    routes.add("GET", base + "/{account}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        json::object shown;
        ctx.db.read([&](soci::session& s) {
            auto const site = require_site(s, organization, p.at("site"), false);
            shown = site_user_json(s, organization, site.id, p.at("account"));
        });
        return json_response(200, shown);
    });

    // Suspend and restore (an admin's), and activity: the hook a product site calls when the
    // account uses it, which turns an invitation into an active membership.
    struct membership_route {
        char const* path;
        domain::membership_action action;
    };
    for (auto const& r : {membership_route{"suspend", domain::membership_action::suspend},
                          membership_route{"restore", domain::membership_action::restore},
                          membership_route{"activity", domain::membership_action::use}}) {
        routes.add("POST", base + "/{account}/" + r.path, [&ctx, r](http::request const& req, http::route_params const& p) {
            auto const& organization = p.at("organization");
            authenticate_admin(ctx, req, organization);
            json::object shown;
            ctx.db.transact([&](soci::session& s) {
                auto const site = require_site(s, organization, p.at("site"), false);
                auto const& account = p.at("account");
                auto const current = locked_membership(s, site.id, account);
                auto const next = domain::apply(current.status, current.joined, r.action);
                if (r.action == domain::membership_action::use) {
                    store::record_site_activity(s, site.id, account);
                } else {
                    store::set_membership_status(s, site.id, account, next);
                }
                shown = site_user_json(s, organization, site.id, account);
            });
            return json_response(200, shown);
        });
    }

    // DOMAIN.md: removal revokes the site's product access, direct and through groups; the
    // account itself is untouched.
    routes.add("DELETE", base + "/{account}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        ctx.db.transact([&](soci::session& s) {
            auto const site = require_site(s, organization, p.at("site"), false);
            if (!store::remove_membership(s, site.id, p.at("account"))) no_member(p.at("account"));
        });
        http::response res;
        res.status = 204;
        return res;
    });

    // Direct product access (PUT grants, DELETE revokes); a suspended membership keeps it
    // configured. Both lock the site so that the product stays offered until the change is in.
    for (bool const grant : {true, false}) {
        routes.add(grant ? "PUT" : "DELETE", base + "/{account}/products/{product}",
                   [&ctx, grant](http::request const& req, http::route_params const& p) {
                       auto const& organization = p.at("organization");
                       auto const& account = p.at("account");
                       authenticate_admin(ctx, req, organization);
                       json::object shown;
                       ctx.db.transact([&](soci::session& s) {
                           auto const site = require_site(s, organization, p.at("site"), true);
                           auto const product = offered_product(site, p.at("product"));
                           locked_membership(s, site.id, account);
                           if (grant) {
                               store::grant_product(s, site.id, account, product);
                           } else if (!store::revoke_product(s, site.id, account, product)) {
                               throw core::error(core::error_type::not_found,
                                                 "the user has no direct access to \"" + product + "\" on this site");
                           }
                           shown = site_user_json(s, organization, site.id, account);
                       });
                       return json_response(200, shown);
                   });
    }
}

}  // namespace scim::admin
