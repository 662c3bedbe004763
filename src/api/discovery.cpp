#include <boost/json/array.hpp>

#include "scim/api/directory_tokens.hpp"
#include "scim/api/endpoints.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/discovery.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim_io.hpp"

namespace scim::api {
namespace {

// What this build really supports; /ServiceProviderConfig must not claim more (RFC 7643 §5).
protocol::supported_features current_features(core::config const& config) {
    protocol::supported_features f;
    f.patch = true;
    f.etag = true;
    f.filter = true;
    f.filter_max_results = config.scim.max_page_size;
    f.sort = true;
    f.index_pagination = true;
    f.cursor_pagination = true;
    f.cursor_timeout_seconds = static_cast<std::size_t>(config.scim.cursor_timeout.count());
    f.default_page_size = config.scim.default_page_size;
    f.max_page_size = config.scim.max_page_size;
    return f;
}

// RFC 7644 §4: discovery endpoints do not filter; a filter gets 403.
void refuse_filter(http::request const& req) {
    for (auto const& [name, value] : http::query_parameters(req.query)) {
        if (core::iequals(name, "filter")) {
            throw core::error(core::error_type::forbidden, "discovery endpoints do not support filtering");
        }
    }
}

}  // namespace

void add_discovery_routes(http::router& routes, context& ctx) {
    std::string const base = "/scim/directory/{directory}";

    routes.add("GET", base + "/ServiceProviderConfig", [&ctx](http::request const& req, http::route_params const& p) {
        authenticate_directory(ctx.db, req, p.at("directory"));
        auto url = directory_base_url(ctx, req, p.at("directory"));
        return scim_json(200, protocol::service_provider_config(current_features(ctx.config), url));
    });

    routes.add("GET", base + "/Schemas", [&ctx](http::request const& req, http::route_params const& p) {
        authenticate_directory(ctx.db, req, p.at("directory"));
        refuse_filter(req);
        auto url = directory_base_url(ctx, req, p.at("directory"));
        boost::json::array resources;
        for (auto const& s : ctx.registry.schemas()) resources.push_back(protocol::schema_resource(s, url));
        auto total = static_cast<std::int64_t>(resources.size());
        return scim_json(200, protocol::list_response(total, 1, std::move(resources)));
    });

    routes.add("GET", base + "/Schemas/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        authenticate_directory(ctx.db, req, p.at("directory"));
        auto const* s = ctx.registry.find_schema(p.at("id"));
        if (!s) throw core::error(core::error_type::not_found, "no schema with id \"" + p.at("id") + "\"");
        return scim_json(200, protocol::schema_resource(*s, directory_base_url(ctx, req, p.at("directory"))));
    });

    routes.add("GET", base + "/ResourceTypes", [&ctx](http::request const& req, http::route_params const& p) {
        authenticate_directory(ctx.db, req, p.at("directory"));
        refuse_filter(req);
        auto url = directory_base_url(ctx, req, p.at("directory"));
        boost::json::array resources;
        for (auto const& t : ctx.registry.resource_types()) resources.push_back(protocol::resource_type_resource(t, url));
        auto total = static_cast<std::int64_t>(resources.size());
        return scim_json(200, protocol::list_response(total, 1, std::move(resources)));
    });

    routes.add("GET", base + "/ResourceTypes/{id}", [&ctx](http::request const& req, http::route_params const& p) {
        authenticate_directory(ctx.db, req, p.at("directory"));
        auto const* t = ctx.registry.find_resource_type(p.at("id"));
        if (!t) throw core::error(core::error_type::not_found, "no resource type with id \"" + p.at("id") + "\"");
        return scim_json(200, protocol::resource_type_resource(*t, directory_base_url(ctx, req, p.at("directory"))));
    });
}

}  // namespace scim::api
