// Reading requests off a connection exactly as a session does (src/http/request_reading.hpp:
// the parser with the limits set, the read with its `Expect: 100-continue` answer, the
// answer to a failed read, the plain request), on an in-memory stream (Beast's test stream)
// that hands the bytes over in pieces. The input's first byte chooses the pieces' size (bits
// 0-3 and 4-6: (1 to 16) << (0 to 7), 1 to 2048 bytes) and the limits (bit 7: small ones, so
// that the limits are reached; else scimd's defaults); the rest is what a client sends on one
// connection, where one request may follow another as keep-alive allows.
//
// Invariants, beyond not crashing or hanging:
// - a failed read is answered 400, 413 or 431 with a UTF-8 detail, or not at all when the
//   client left in the middle of a request (answer_for);
// - a request that was read keeps the limits: its header block within the header limit,
//   its body within the body limit;
// - its body length was determined as RFC 9112 §6.3 requires: no Content-Length next to a
//   Transfer-Encoding, and chunked the final transfer coding when there is one (otherwise a
//   front end and scimd could disagree about where the request ends: request smuggling);
// - its Host is refused with bad_request (host.hpp: missing in HTTP/1.1, given twice, not
//   host[:port]), or is one a link may be built from (is_valid_host);
// - its path decodes, or is refused with bad_request, and so does its query.

#include <cstddef>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/rfc7230.hpp>

#include "host.hpp"
#include "request_reading.hpp"
#include "scim/core/config.hpp"
#include "scim/core/text.hpp"
#include "scim/http/message.hpp"
#include "support.hpp"

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace http = scim::http;
using core::error_type;

// More requests than any input of a few kilobytes holds; it bounds the loop all the same.
constexpr int max_requests = 256;

core::http_limits limits_for(unsigned char choice) {
    core::http_limits limits;
    if (choice & 0x80) {
        limits.max_header_bytes = 512;
        limits.max_body_bytes = 1024;
    }
    return limits;
}

beast::error_code read_one(asio::io_context& io, beast::test::stream& stream, beast::flat_buffer& buffer,
                           http::request_parser& parser, core::http_limits const& limits) {
    std::optional<beast::error_code> result;
    asio::co_spawn(io, http::read_request(stream, buffer, parser, limits),
                   [&](std::exception_ptr failure, beast::error_code ec) {
                       if (failure) std::rethrow_exception(failure);
                       result = ec;
                   });
    io.restart();
    io.run();
    fuzz::require(result.has_value(), "a read finishes once the client has closed");
    return *result;
}

// The fewest bytes the header block that was read can have had: its request line and each
// field's name, colon, value and CRLF.
std::size_t header_bytes(bhttp::request<bhttp::string_body> const& message) {
    std::size_t size = message.method_string().size() + 1 + message.target().size() + 1 + 8 + 2;
    for (auto const& field : message) size += field.name_string().size() + 1 + field.value().size() + 2;
    return size;
}

// Several Transfer-Encoding fields make one list, in order (RFC 9110 §5.3).
void check_framing(bhttp::request<bhttp::string_body> const& message) {
    auto const [first, end] = message.equal_range(bhttp::field::transfer_encoding);
    if (first == end) return;
    fuzz::require(message.find(bhttp::field::content_length) == message.end(),
                  "no Content-Length next to a Transfer-Encoding (RFC 9112 §6.3)");
    std::string_view last;
    std::string all;
    for (auto field = first; field != end; ++field) {
        all += std::string(field->value()) + "\n";
        for (auto const coding : bhttp::token_list(field->value())) {
            last = std::string_view(coding.data(), coding.size());
        }
    }
    fuzz::require(core::iequals(last, "chunked"), "chunked is the final transfer coding (RFC 9112 §6.3)", all);
}

void check_request(bhttp::request<bhttp::string_body>& message, core::http_limits const& limits) {
    fuzz::require(header_bytes(message) <= limits.max_header_bytes, "a request's header block is within the limit");
    fuzz::require(message.body().size() <= limits.max_body_bytes, "a request's body is within the limit");
    check_framing(message);
    auto const version = message.version();
    auto const req = http::to_request(message, true);
    if (auto const refused = http::host_field_error(req, version)) {
        fuzz::require_client_error(*refused, {error_type::bad_request});
    } else if (req.has_header("host")) {
        fuzz::require(http::is_valid_host(req.header("host")), "a Host that is accepted is host[:port]",
                      std::string(req.header("host")));
    }
    try {
        auto const target = std::string_view(req.target);
        http::percent_decode(target.substr(0, target.find('?')), false);
        http::query_parameters(req.query);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::bad_request});
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    if (size == 0) return 0;
    auto const limits = limits_for(data[0]);
    asio::io_context io;
    beast::test::stream server(io);
    beast::test::stream client(io);
    server.connect(client);
    server.read_size(((data[0] & 0x0fu) + 1u) << ((data[0] >> 4) & 0x07u));
    server.append(fuzz::text_of(data + 1, size - 1));
    server.close_remote();  // what was sent, then the end of the stream; answers still reach the client
    beast::flat_buffer buffer;
    for (int n = 0; n < max_requests; ++n) {
        http::request_parser parser;
        auto const ec = read_one(io, server, buffer, parser, limits);
        if (ec) {
            if (auto const answer = http::answer_for(ec, limits)) {
                fuzz::require_client_error(
                    *answer, {error_type::bad_request, error_type::headers_too_large, error_type::payload_too_large});
            }
            return 0;
        }
        auto& message = parser.get();
        bool const keep_alive = message.keep_alive();
        check_request(message, limits);
        if (!keep_alive) return 0;
    }
    return 0;
}
