#include "request_reading.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <boost/beast/http/error.hpp>

namespace scim::http {

namespace bhttp = boost::beast::http;

namespace {

// What Beast's read operations ask the buffer for at a time (http/impl/read.hpp).
constexpr std::size_t beast_read_size = 65536;

}  // namespace

void set_limits(request_parser& parser, core::http_limits const& limits, boost::beast::flat_buffer& buffer) {
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(boost::none);
    buffer.max_size(std::max(buffer.size(), limits.max_header_bytes + beast_read_size));
}

std::vector<void const*> field_identities(bhttp::request<bhttp::string_body> const& message) {
    std::vector<void const*> identities;
    for (auto const& field : message) identities.push_back(&field);
    std::sort(identities.begin(), identities.end(), std::less<void const*>());
    return identities;
}

void drop_trailer_fields(bhttp::request<bhttp::string_body>& message, std::vector<void const*> const& header_fields) {
    for (auto field = message.begin(); field != message.end();) {
        void const* const identity = &*field;
        if (std::binary_search(header_fields.begin(), header_fields.end(), identity, std::less<void const*>())) {
            ++field;
        } else {
            field = message.erase(field);
        }
    }
}

boost::beast::error_code framing_error(request_parser const& parser) {
    if (parser.get().count(bhttp::field::transfer_encoding) > 0 && !parser.chunked()) {
        return bhttp::error::bad_transfer_encoding;
    }
    return {};
}

std::optional<core::error> answer_for(boost::beast::error_code ec, core::http_limits const& limits,
                                      body_limit const& route_body) {
    // A buffer that overflowed held a header block or a trailer section that did not end.
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) {
        return core::error(core::error_type::headers_too_large,
                           "request header fields exceed " + std::to_string(limits.max_header_bytes) + " bytes");
    }
    if (ec == bhttp::error::body_limit) {
        if (route_body.bytes != 0) return core::error(core::error_type::payload_too_large, route_body.too_large);
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
