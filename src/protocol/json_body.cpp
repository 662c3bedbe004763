#include "scim/protocol/json_body.hpp"

#include <boost/json/error.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/protocol/rendering.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

// Says what is wrong in the client's terms; the parser's own wording stays out of responses.
std::string problem(boost::system::error_code const& ec, std::size_t max_depth) {
    if (ec == json::error::too_deep) return "nesting is deeper than " + std::to_string(max_depth) + " levels";
    if (ec == json::error::incomplete) return "the JSON text ends early";
    if (ec == json::error::extra_data) return "unexpected data after the JSON value";
    if (ec == json::error::syntax) return "malformed JSON or invalid UTF-8";
    return "malformed JSON";
}

[[noreturn]] void refuse(std::string detail) {
    throw core::error(core::error_type::invalid_syntax, "request body: " + std::move(detail));
}

}  // namespace

json::object parse_request_object(std::string_view body, std::size_t max_depth) {
    if (body.empty()) refuse("empty; a JSON object is expected");
    json::parse_options options;
    options.max_depth = max_depth;
    json::stream_parser parser({}, options);
    boost::system::error_code ec;
    // On failure write() reports how much it consumed, which is where the problem is.
    auto consumed = parser.write(body.data(), body.size(), ec);
    if (!ec) parser.finish(ec);
    if (ec) refuse(problem(ec, max_depth) + " at offset " + std::to_string(consumed));
    auto value = parser.release();
    if (!value.is_object()) refuse("must be a JSON object");
    return std::move(value.as_object());
}

json::object parse_scim_body(std::optional<std::string> const& content_type, std::string_view body,
                             std::size_t max_depth) {
    if (content_type) {
        std::string_view type(*content_type);
        type = type.substr(0, type.find(';'));
        while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
        auto const lowered = core::to_lower_ascii(type);
        if (lowered != scim_media_type && lowered != "application/json") {
            throw core::error(core::error_type::unsupported_media_type,
                              "Content-Type must be application/scim+json or application/json");
        }
    }
    return parse_request_object(body, max_depth);
}

std::string serialize(json::value const& v) { return json::serialize(v); }

}  // namespace scim::protocol
