// Sites through the admin API (service/sites.hpp): create one with the products it offers, list
// and show them, rename and delete one, offer another product or stop offering one.

#include <boost/json/array.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/service/sites.hpp"

namespace scim::admin {
namespace {

namespace json = boost::json;

json::object site_json(store::site_row const& site) {
    json::array products;
    for (auto const& p : site.products) products.emplace_back(p);
    return {{"id", site.id},
            {"name", site.name},
            {"url", site.url},
            {"products", std::move(products)},
            {"created", site.created}};
}

std::string string_member(json::object const& body, char const* name, core::text_rule rule) {
    auto const* v = body.if_contains(name);
    if (!v || !v->is_string())
        throw core::error(core::error_type::invalid_value, "\"" + std::string(name) + "\" must be a string");
    return checked_text(name, v->as_string(), rule);
}

// {"name": "Acme", "url": "acme.example.net", "products": ["jira", "confluence"]}
http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    service::site_definition site{string_member(body, "name", line_rule), string_member(body, "url", line_rule), {}};
    if (auto const* listed = body.if_contains("products")) {
        if (!listed->is_array())
            throw core::error(core::error_type::invalid_value, "\"products\" must be an array of names");
        // Each product is a row: as many as one multi-valued attribute may hold (docs/errors.md "Limits").
        if (auto const n = listed->as_array().size(); n > ctx.config.scim.max_attribute_values) {
            throw core::error(core::error_type::invalid_value,
                              "\"products\" has " + std::to_string(n) + " names; at most " +
                                  std::to_string(ctx.config.scim.max_attribute_values) + " are allowed");
        }
        for (auto const& product : listed->as_array()) {
            if (!product.is_string())
                throw core::error(core::error_type::invalid_value, "\"products\" must be an array of names");
            site.products.push_back(checked_text("products", product.as_string(), label_rule));
        }
    }
    return json_response(201, site_json(service::create_site(ctx, call.request, site)));
}

http::response list(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const sites = service::list_sites(ctx, admin_call_of(req, p).request);
    json::array shown;
    for (auto const& site : sites) shown.push_back(site_json(site));
    return json_response(200, json::object{{"totalResults", sites.size()}, {"sites", std::move(shown)}});
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    return json_response(200, site_json(service::show_site(ctx, admin_call_of(req, p).request, p.at("site"))));
}

// {"name": "Acme Wiki"}: the name is what changes; a site keeps its host name, which its users
// and product links know it by.
http::response rename(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    if (body.size() != 1 || !body.contains("name")) {
        throw core::error(core::error_type::invalid_value,
                          "give {\"name\": …}: a site's name is what changes; its URL stays");
    }
    auto const name = string_member(body, "name", line_rule);
    return json_response(200, site_json(service::rename_site(ctx, call.request, p.at("site"), name)));
}

// A site with users is refused (409); see service::delete_site.
http::response remove(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::delete_site(ctx, admin_call_of(req, p).request, p.at("site"));
    return no_content();
}

// {"product": "bitbucket"}: offering a product already offered changes nothing.
http::response offer_product(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const product = string_member(read_json(ctx, req), "product", label_rule);
    return json_response(200, site_json(service::offer_site_product(ctx, call.request, p.at("site"), product)));
}

// The product's direct access rows and group grants on the site go with it.
http::response withdraw_product(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::withdraw_site_product(ctx, admin_call_of(req, p).request, p.at("site"), p.at("product"));
    return no_content();
}

}  // namespace

void add_site_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/admin/organizations/{organization}/sites";
    routes.add("POST", base, bind(ctx, create));
    routes.add("GET", base, bind(ctx, list));
    routes.add("GET", base + "/{site}", bind(ctx, show));
    routes.add("PATCH", base + "/{site}", bind(ctx, rename));
    routes.add("DELETE", base + "/{site}", bind(ctx, remove));
    routes.add("POST", base + "/{site}/products", bind(ctx, offer_product));
    routes.add("DELETE", base + "/{site}/products/{product}", bind(ctx, withdraw_product));
}

}  // namespace scim::admin
