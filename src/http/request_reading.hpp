#pragma once
// Reading one request off a connection: Beast's parser under the limits of core::http_limits,
// the read itself, what a failed read is answered with, and the plain request made of what
// was read. The session (session.cpp) reads every request with these, and the fuzz target
// fuzz/http_request_fuzz.cpp feeds the same reading arbitrary bytes.

#include <functional>
#include <optional>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "scim/core/config.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/http/message.hpp"
#include "scim/http/router.hpp"

namespace scim::http {

using request_parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// A fresh parser gets the header limit before it reads anything, and no body limit: read_request
// sets the one its header calls for (a parser reads
// one request; the next request of a connection gets a new one). Beast applies its header
// limit to the request line and to the header fields each: read_request checks the whole.
// Beast waits for a whole header block, chunk header or trailer section in `buffer` before it
// parses it, and limits no trailer section: the buffer's own limit (the header limit and one
// read, 64 KiB, more) bounds what a request can make it hold.
void set_limits(request_parser& parser, core::http_limits const& limits, boost::beast::flat_buffer& buffer);

// Which fields `message` holds now: their addresses, sorted (Beast allocates each field once
// and never moves it).
std::vector<void const*> field_identities(boost::beast::http::request<boost::beast::http::string_body> const& message);

// RFC 9110 §6.5.1: trailer fields (after a chunked body) are not merged into the header
// section. Beast adds them to the message's fields (beside the header's of the same name);
// every field that is not one of `header_fields` is dropped, for none means anything to scimd
// and a front end may not have looked at them (a Host or an Authorization after the body).
void drop_trailer_fields(boost::beast::http::request<boost::beast::http::string_body>& message,
                         std::vector<void const*> const& header_fields);

// RFC 9112 §6.3: a request whose Transfer-Encoding does not end in chunked has a body whose
// length cannot be determined; the answer is 400 and the connection closes. (Beast reads such
// a request as one without a body, and its body as the next request: request smuggling.)
// Beast itself refuses a Content-Length next to a Transfer-Encoding.
boost::beast::error_code framing_error(request_parser const& parser);

// The body limit of a request whose header has been read: the server's max_body_bytes, or
// its route's own (router::body_limit_for).
using body_limit_of = std::function<std::size_t(request_parser const& parser)>;

// Reads one request into a fresh `parser` from `stream` under `limits`, starting with what
// `buffer` already holds: the request line and header fields together within
// max_header_bytes (header_limit), the body within what `limit_of` answers for its header, or
// within max_body_bytes without one (body_limit). Answers `Expect: 100-continue` (RFC 9110
// §10.1.1) so clients that wait for it send their body at once. `limit_of` is taken by value:
// the coroutine may run after the expression that called it, and its temporaries, ended.
template <typename Stream>
boost::asio::awaitable<boost::beast::error_code> read_request(Stream& stream, boost::beast::flat_buffer& buffer,
                                                              request_parser& parser, core::http_limits const& limits,
                                                              body_limit_of limit_of = {}) {
    namespace bhttp = boost::beast::http;
    constexpr auto nothrow = boost::asio::as_tuple(boost::asio::use_awaitable);
    set_limits(parser, limits, buffer);
    auto [ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, nothrow);
    if (ec) co_return ec;
    if (header_bytes > limits.max_header_bytes) co_return bhttp::error::header_limit;
    // Only a chunked body has trailer fields.
    auto const header_fields = parser.chunked() ? field_identities(parser.get()) : std::vector<void const*>{};
    if (auto const framing = framing_error(parser)) co_return framing;
    // The header is read with no body limit (Beast checks a Content-Length against it as the
    // header ends), and the body under the limit the header's route says.
    auto const body_bytes = limit_of ? limit_of(parser) : limits.max_body_bytes;
    if (auto const length = parser.content_length(); length && *length > body_bytes) co_return bhttp::error::body_limit;
    parser.body_limit(body_bytes);
    if (parser.is_done()) co_return ec;
    auto const& head = parser.get();
    if (head.version() >= 11 && core::iequals(head[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, head.version()};
        auto [write_ec, written] = co_await bhttp::async_write(stream, go_on, nothrow);
        if (write_ec) co_return write_ec;
    }
    auto [body_ec, body_bytes_read] = co_await bhttp::async_read(stream, buffer, parser, nothrow);
    if (!body_ec && parser.chunked()) drop_trailer_fields(parser.get(), header_fields);
    co_return body_ec;
}

// How a failed read is answered: limits and malformed messages get their status (RFC 9110
// §15.5.14 for 413, RFC 6585 §5 for 431, RFC 9112 §2.2 for 400); a peer that left, stalled
// or was closed at shutdown gets nothing (nullopt).
// `route_body`: the body limit of the request's route when it declares one (its detail answers
// a body over it).
std::optional<core::error> answer_for(boost::beast::error_code ec, core::http_limits const& limits,
                                      body_limit const& route_body = {});

// The plain request of a message read without error; its body is moved out of `in`.
request to_request(boost::beast::http::request<boost::beast::http::string_body>& in, bool secure);

}  // namespace scim::http
