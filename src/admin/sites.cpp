// Sites through the admin API (service/sites.hpp): create one with the products it offers, list
// and show them, offer another product or stop offering one.

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

std::string string_member(json::object const& body, char const* name) {
    auto const* v = body.if_contains(name);
    if (!v || !v->is_string())
        throw core::error(core::error_type::invalid_value, "\"" + std::string(name) + "\" must be a string");
    return std::string(v->as_string());
}

// {"name": "Acme", "url": "acme.example.net", "products": ["jira", "confluence"]}
http::response create(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const body = read_json(ctx, req);
    service::site_definition site{string_member(body, "name"), string_member(body, "url"), {}};
    if (auto const* listed = body.if_contains("products")) {
        if (!listed->is_array())
            throw core::error(core::error_type::invalid_value, "\"products\" must be an array of names");
        for (auto const& product : listed->as_array()) {
            if (!product.is_string())
                throw core::error(core::error_type::invalid_value, "\"products\" must be an array of names");
            site.products.emplace_back(product.as_string());
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

// {"product": "bitbucket"}: offering a product already offered changes nothing.
http::response offer_product(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p);
    auto const product = string_member(read_json(ctx, req), "product");
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
    routes.add("POST", base + "/{site}/products", bind(ctx, offer_product));
    routes.add("DELETE", base + "/{site}/products/{product}", bind(ctx, withdraw_product));
}

}  // namespace scim::admin
