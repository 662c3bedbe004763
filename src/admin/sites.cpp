// Sites through the admin API (DOMAIN.md "site"): create one with the products it offers, list
// and show them, offer another product or stop offering one. Names, URLs and products are
// normalized by domain/sites.hpp; a site of another organization is not found.

#include <boost/json/array.hpp>

#include "scim/admin/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/sites.hpp"
#include "scim/store/sites.hpp"
#include "admin_requests.hpp"
#include "site_lookup.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object site_json(store::site_row const& site) {
    json::array products;
    for (auto const& p : site.products) products.emplace_back(p);
    return {{"id", site.id}, {"name", site.name}, {"url", site.url}, {"products", std::move(products)}, {"created", site.created}};
}

std::string string_member(json::object const& body, char const* name) {
    auto const* v = body.if_contains(name);
    if (!v || !v->is_string()) throw core::error(core::error_type::invalid_value, "\"" + std::string(name) + "\" must be a string");
    return std::string(v->as_string());
}

}  // namespace

store::site_row require_site(soci::session& s, std::string const& organization, std::string const& site, bool for_update) {
    auto found = store::find_site(s, organization, site, for_update);
    if (!found) throw core::error(core::error_type::not_found, "no site " + site + " in this organization");
    return std::move(*found);
}

void add_site_routes(http::router& routes, context& ctx) {
    std::string const base = "/admin/organizations/{organization}/sites";

    // {"name": "Acme", "url": "acme.example.net", "products": ["jira", "confluence"]}
    routes.add("POST", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const body = read_json(ctx, req);
        auto const name = domain::normalize_site_name(string_member(body, "name"));
        auto const url = domain::normalize_site_url(string_member(body, "url"));
        std::vector<std::string> products;
        if (auto const* listed = body.if_contains("products")) {
            if (!listed->is_array()) throw core::error(core::error_type::invalid_value, "\"products\" must be an array of names");
            for (auto const& product : listed->as_array()) {
                if (!product.is_string()) {
                    throw core::error(core::error_type::invalid_value, "\"products\" must be an array of names");
                }
                products.push_back(domain::normalize_product(product.as_string()));
            }
        }
        store::site_row site;
        ctx.db.transact([&](soci::session& s) { site = store::create_site(s, organization, name, url, products); });
        return json_response(201, site_json(site));
    });

    routes.add("GET", base, [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        std::vector<store::site_row> sites;
        ctx.db.read([&](soci::session& s) { sites = store::list_sites(s, organization); });
        json::array shown;
        for (auto const& site : sites) shown.push_back(site_json(site));
        return json_response(200, json::object{{"totalResults", sites.size()}, {"sites", std::move(shown)}});
    });

    routes.add("GET", base + "/{site}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        store::site_row site;
        ctx.db.read([&](soci::session& s) { site = require_site(s, organization, p.at("site"), false); });
        return json_response(200, site_json(site));
    });

    // {"product": "bitbucket"}: offering a product already offered changes nothing.
    routes.add("POST", base + "/{site}/products", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const product = domain::normalize_product(string_member(read_json(ctx, req), "product"));
        store::site_row site;
        ctx.db.transact([&](soci::session& s) {
            auto const locked = require_site(s, organization, p.at("site"), true);
            store::add_site_product(s, locked.id, product);
            site = require_site(s, organization, locked.id, false);
        });
        return json_response(200, site_json(site));
    });

    // The product's direct access rows and group grants on the site go with it.
    routes.add("DELETE", base + "/{site}/products/{product}", [&ctx](http::request const& req, http::route_params const& p) {
        auto const& organization = p.at("organization");
        authenticate_admin(ctx, req, organization);
        auto const product = domain::normalize_product(p.at("product"));
        ctx.db.transact([&](soci::session& s) {
            auto const site = require_site(s, organization, p.at("site"), true);
            if (!store::remove_site_product(s, site.id, product)) {
                throw core::error(core::error_type::not_found, "the site does not offer the product \"" + product + "\"");
            }
        });
        http::response res;
        res.status = 204;
        return res;
    });
}

}  // namespace scim::admin
