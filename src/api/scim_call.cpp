#include "scim_call.hpp"

#include "scim/core/text.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/protocol/rendering.hpp"

namespace scim::api {
namespace {

std::optional<std::string> header_of(http::request const& req, std::string_view name) {
    if (!req.has_header(name)) return std::nullopt;
    return std::string(req.header(name));
}

}  // namespace

scim_call scim_call_of(service::context const& ctx, http::request const& req, http::route_params const& p,
                       protocol::resource_type const* type) {
    scim_call call;
    auto& r = call.request;
    r.id = req.request_id;
    r.method = req.method;
    r.path = req.path;
    r.directory_id = p.at("directory");
    r.authorization = std::string(req.header("authorization"));
    r.body = req.body;
    r.content_type = header_of(req, "content-type");
    for (auto const& [given, declared] : p.respelled())
        r.normalizations.push_back("endpoint name \"" + given + "\" read as \"" + declared + "\"");
    call.base_url = http::public_base_url(req, ctx.config.public_url) + "/scim/directory/" + r.directory_id;
    call.parameters = http::query_parameters(req.query);
    if (type) {
        std::optional<std::string> attributes;
        std::optional<std::string> excluded;
        for (auto const& [name, value] : call.parameters) {
            if (core::iequals(name, "attributes")) attributes = value;
            if (core::iequals(name, "excludedAttributes")) excluded = value;
        }
        r.projection_given = attributes || excluded;
        r.projection = protocol::parse_projection(attributes, excluded, ctx.registry, *type);
    }
    r.if_match = header_of(req, "if-match");
    r.if_none_match = header_of(req, "if-none-match");
    // RFC 7240: preferences are case-insensitive tokens.
    auto const prefer = core::to_lower_ascii(req.header("prefer"));
    r.prefer_minimal = prefer.find("return=minimal") != std::string::npos;
    r.prefer_representation = prefer.find("return=representation") != std::string::npos;
    return call;
}

protocol::list_query scim_call::list_query(service::context const& ctx) const {
    return protocol::parse_list_query(parameters, ctx.config.scim);
}

protocol::list_query scim_call::search_request(service::context const& ctx) const {
    auto const body = protocol::parse_scim_body(request.content_type, request.body, ctx.config.scim.max_json_depth);
    return protocol::parse_search_request(body, ctx.config.scim);
}

http::response scim_json(int status, boost::json::value const& body) {
    http::response res;
    res.status = status;
    res.set_header("Content-Type", protocol::scim_media_type);
    res.body = protocol::serialize(body);
    return res;
}

http::response single_resource(int status, boost::json::object const& resource, std::int64_t version) {
    auto res = scim_json(status, resource);
    res.set_header("ETag", protocol::entity_tag(version));
    return res;
}

http::response no_content(scim_call const& call, std::int64_t version) {
    http::response res;
    res.status = 204;
    res.set_header("ETag", protocol::entity_tag(version));
    if (call.request.prefer_minimal) res.set_header("Preference-Applied", "return=minimal");
    return res;
}

http::response not_modified(std::int64_t version) {
    http::response res;
    res.status = 304;
    res.set_header("ETag", protocol::entity_tag(version));
    return res;
}

}  // namespace scim::api
