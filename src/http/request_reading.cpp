#include "request_reading.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include <boost/beast/http/error.hpp>

namespace scim::http {

namespace bhttp = boost::beast::http;

void set_limits(request_parser& parser, core::http_limits const& limits) {
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(limits.max_body_bytes);
}

boost::beast::error_code framing_error(request_parser const& parser) {
    if (parser.get().count(bhttp::field::transfer_encoding) > 0 && !parser.chunked()) {
        return bhttp::error::bad_transfer_encoding;
    }
    return {};
}

std::optional<core::error> answer_for(boost::beast::error_code ec, core::http_limits const& limits) {
    if (ec == bhttp::error::header_limit) {
        return core::error(core::error_type::headers_too_large,
                           "request header fields exceed " + std::to_string(limits.max_header_bytes) + " bytes");
    }
    if (ec == bhttp::error::body_limit) {
        return core::error(core::error_type::payload_too_large,
                           "request body exceeds " + std::to_string(limits.max_body_bytes) + " bytes");
    }
    bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
                     ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
                     ec != bhttp::error::short_read;
    if (malformed) return core::error(core::error_type::bad_request, "malformed HTTP request");
    return std::nullopt;
}

request to_request(bhttp::request<bhttp::string_body>& in, bool secure) {
    request out;
    out.method = std::string(in.method_string());
    out.target = std::string(in.target());
    if (auto q = out.target.find('?'); q != std::string::npos) out.query = out.target.substr(q + 1);
    for (auto const& field : in) {
        out.headers.emplace_back(core::to_lower_ascii(field.name_string()), std::string(field.value()));
    }
    out.body = std::move(in.body());
    out.secure = secure;
    return out;
}

}  // namespace scim::http
