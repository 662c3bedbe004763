#include "scim_io.hpp"

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/rendering.hpp"

namespace scim::api {
namespace {

std::string lower_media_type(std::string_view content_type) {
    auto end = content_type.find(';');
    auto type = content_type.substr(0, end);
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    return core::to_lower_ascii(type);
}

}  // namespace

boost::json::object read_json_body(context const& ctx, http::request const& req) {
    if (req.has_header("content-type")) {
        auto type = lower_media_type(req.header("content-type"));
        if (type != protocol::scim_media_type && type != "application/json") {
            throw core::error(core::error_type::unsupported_media_type,
                              "Content-Type must be application/scim+json or application/json");
        }
    }
    return protocol::parse_request_object(req.body, ctx.config.scim.max_json_depth);
}

http::response scim_json(int status, boost::json::value const& body) {
    http::response res;
    res.status = status;
    res.set_header("Content-Type", protocol::scim_media_type);
    res.body = protocol::serialize(body);
    return res;
}

std::string directory_base_url(context const& ctx, http::request const& req, std::string const& directory_id) {
    return http::public_base_url(req, ctx.config.public_url) + "/scim/directory/" + directory_id;
}

}  // namespace scim::api
