// Discovery (RFC 7644 §4): /ServiceProviderConfig, /Schemas and /ResourceTypes under each
// directory's base URL, answered from the schema registry once the directory's token is checked.

#include <boost/json/array.hpp>

#include "api_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/discovery.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/service/directory_access.hpp"
#include "scim_call.hpp"

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
    f.bulk = true;
    f.bulk_max_operations = config.bulk.max_operations;
    f.bulk_max_payload_bytes = config.bulk.max_payload_bytes;
    f.index_pagination = true;
    f.cursor_pagination = true;
    f.cursor_timeout_seconds = static_cast<std::size_t>(config.scim.cursor_timeout.count());
    f.default_page_size = config.scim.default_page_size;
    f.max_page_size = config.scim.max_page_size;
    return f;
}

// The request read once and its token checked.
scim_call checked_call(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto call = scim_call_of(ctx, req, p, nullptr);
    service::check_directory_access(ctx, call.request);
    return call;
}

// RFC 7644 §4: discovery endpoints do not filter; a filter gets 403.
void refuse_filter(scim_call const& call) {
    for (auto const& [name, value] : call.parameters) {
        if (core::iequals(name, "filter"))
            throw core::error(core::error_type::forbidden, "discovery endpoints do not support filtering");
    }
}

http::response service_provider_config(service::context const& ctx, http::request const& req,
                                       http::route_params const& p) {
    auto const call = checked_call(ctx, req, p);
    return scim_json(200, protocol::service_provider_config(current_features(ctx.config), call.base_url));
}

http::response schemas(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = checked_call(ctx, req, p);
    refuse_filter(call);
    boost::json::array resources;
    for (auto const& s : ctx.registry.schemas()) resources.push_back(protocol::schema_resource(s, call.base_url));
    auto const total = static_cast<std::int64_t>(resources.size());
    return scim_json(200, protocol::list_response(total, 1, std::move(resources)));
}

http::response schema(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = checked_call(ctx, req, p);
    auto const* s = ctx.registry.find_schema(p.at("id"));
    if (!s) throw core::error(core::error_type::not_found, "no schema with id \"" + p.at("id") + "\"");
    return scim_json(200, protocol::schema_resource(*s, call.base_url));
}

http::response resource_types(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = checked_call(ctx, req, p);
    refuse_filter(call);
    boost::json::array resources;
    for (auto const& t : ctx.registry.resource_types())
        resources.push_back(protocol::resource_type_resource(t, call.base_url));
    auto const total = static_cast<std::int64_t>(resources.size());
    return scim_json(200, protocol::list_response(total, 1, std::move(resources)));
}

http::response resource_type(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = checked_call(ctx, req, p);
    auto const* t = ctx.registry.find_resource_type(p.at("id"));
    if (!t) throw core::error(core::error_type::not_found, "no resource type with id \"" + p.at("id") + "\"");
    return scim_json(200, protocol::resource_type_resource(*t, call.base_url));
}

}  // namespace

void add_discovery_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/scim/directory/{directory}";
    routes.add("GET", base + "/ServiceProviderConfig", bind(ctx, service_provider_config));
    routes.add("GET", base + "/Schemas", bind(ctx, schemas));
    routes.add("GET", base + "/Schemas/{id}", bind(ctx, schema));
    routes.add("GET", base + "/ResourceTypes", bind(ctx, resource_types));
    routes.add("GET", base + "/ResourceTypes/{id}", bind(ctx, resource_type));
}

}  // namespace scim::api
