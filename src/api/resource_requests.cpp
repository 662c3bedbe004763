#include "resource_requests.hpp"

#include <boost/json/array.hpp>

#include "scim/core/error.hpp"
#include "scim/core/log.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/preconditions.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim_io.hpp"

namespace scim::api {

void require_if_match(http::request const& req, std::int64_t version, std::string_view resource_type) {
    if (!req.has_header("if-match")) return;
    auto const given = req.header("if-match");
    if (!protocol::names_version(given, version)) {
        throw core::error(core::error_type::precondition_failed,
                          "If-Match " + std::string(given) + " does not name the current version " +
                              protocol::entity_tag(version) + "; read the " + std::string(resource_type) + " again");
    }
}

std::optional<http::response> not_modified(http::request const& req, std::int64_t version) {
    if (!req.has_header("if-none-match") || !protocol::names_version(req.header("if-none-match"), version)) {
        return std::nullopt;
    }
    http::response res;
    res.status = 304;
    res.set_header("ETag", protocol::entity_tag(version));
    return res;
}

bool prefers_minimal(http::request const& req) {
    return core::to_lower_ascii(req.header("prefer")).find("return=minimal") != std::string::npos;
}

bool prefers_representation(http::request const& req) {
    return core::to_lower_ascii(req.header("prefer")).find("return=representation") != std::string::npos;
}

bool patch_answers_with_body(http::request const& req, store::directory_settings const& directory, bool by_default) {
    if (prefers_minimal(req)) return false;
    if (prefers_representation(req) || projection_requested(req)) return true;
    if (directory.patch_response == "minimal") return false;
    if (directory.patch_response == "representation") return true;
    return by_default;
}

http::response no_content(http::request const& req, std::int64_t version) {
    http::response res;
    res.status = 204;
    res.set_header("ETag", protocol::entity_tag(version));
    if (prefers_minimal(req)) res.set_header("Preference-Applied", "return=minimal");
    return res;
}

http::response single_resource(int status, boost::json::object const& resource, std::int64_t version) {
    auto res = scim_json(status, resource);
    res.set_header("ETag", protocol::entity_tag(version));
    return res;
}

protocol::projection requested_projection(context const& ctx, http::request const& req, protocol::resource_type const& type) {
    std::optional<std::string> attributes;
    std::optional<std::string> excluded;
    for (auto const& [name, value] : http::query_parameters(req.query)) {
        if (core::iequals(name, "attributes")) attributes = value;
        if (core::iequals(name, "excludedAttributes")) excluded = value;
    }
    return protocol::parse_projection(attributes, excluded, ctx.registry, type);
}

bool projection_requested(http::request const& req) {
    for (auto const& [name, value] : http::query_parameters(req.query)) {
        if (core::iequals(name, "attributes") || core::iequals(name, "excludedAttributes")) return true;
    }
    return false;
}

boost::json::object with_schemas(protocol::resource_type const& type, boost::json::object const& attributes) {
    boost::json::array schemas{boost::json::value(type.schema)};
    for (auto const& e : type.extensions) {
        if (attributes.contains(e.schema)) schemas.emplace_back(e.schema);
    }
    boost::json::object body = attributes;
    body["schemas"] = std::move(schemas);
    return body;
}

void log_normalizations(http::request const& req, std::string const& directory, std::string const& resource_key,
                        std::string const& id, std::vector<std::string> const& rules) {
    for (auto const& rule : rules) {
        core::log::info("request normalized",
                        {{"id", req.request_id}, {"directory", directory}, {resource_key, id}, {"rule", rule}});
    }
}

void resource_not_found(std::string_view resource_type, std::string const& id) {
    throw core::error(core::error_type::not_found, "no " + std::string(resource_type) + " with id \"" + id + "\"");
}

void changed_while_written(std::string_view resource_type, std::string const& id) {
    throw core::error(core::error_type::precondition_failed,
                      std::string(resource_type) + " \"" + id + "\" changed while it was written; try again");
}

}  // namespace scim::api
