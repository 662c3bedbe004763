#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "request_reading.hpp"
#include "scim/core/config.hpp"

namespace scim::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

// Reads requests from `bytes` as a session does, until a read fails; the targets of those
// read, and the answer to the failed read.
struct reading {
    std::vector<std::string> targets;
    std::vector<std::vector<std::string>> fields;  // each request's, as "name: value"
    std::optional<core::error> answer;
};

// `route`: the body limit a router would declare for every request read (0: none).
reading read_all(std::string_view bytes, core::http_limits const& limits = {}, body_limit const& route = {}) {
    asio::io_context io;
    beast::test::stream server(io);
    beast::test::stream client(io);
    server.connect(client);
    server.append(bytes);
    server.close_remote();
    beast::flat_buffer buffer;
    reading out;
    for (;;) {
        request_parser parser;
        beast::error_code ec;
        auto const limit_of = [&](request_parser const&) {
            return route.bytes != 0 ? route.bytes : limits.max_body_bytes;
        };
        asio::co_spawn(io, read_request(server, buffer, parser, limits, limit_of),
                       [&](std::exception_ptr e, beast::error_code result) {
                           if (e) std::rethrow_exception(e);
                           ec = result;
                       });
        io.restart();
        io.run();
        if (ec) {
            out.answer = answer_for(ec, limits, route);
            return out;
        }
        out.targets.emplace_back(parser.get().target());
        auto& fields = out.fields.emplace_back();
        for (auto const& field : parser.get()) {
            fields.push_back(std::string(field.name_string()) + ": " + std::string(field.value()));
        }
    }
}

TEST(read_request, reads_requests_one_after_another) {
    auto const r = read_all(
        "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\n{}"
        "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
        "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n");
    EXPECT_EQ(r.targets, (std::vector<std::string>{"/a", "/b", "/c"}));
    EXPECT_FALSE(r.answer) << "the end of the stream between requests is no error to answer";
}

// RFC 9112 §6.3: a request whose transfer codings do not end in chunked has no length a
// server can rely on; it gets 400 and the connection closes. Read as a request without a
// body instead, its body would be read as the next request (request smuggling).
TEST(read_request, a_transfer_encoding_that_does_not_end_in_chunked_is_400) {
    for (std::string_view coding : {"gzip", "chunked, identity", "identity"}) {
        SCOPED_TRACE(coding);
        auto const r = read_all("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: " + std::string(coding) +
                                "\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        EXPECT_TRUE(r.targets.empty());
        ASSERT_TRUE(r.answer);
        EXPECT_EQ(r.answer->status(), 400);
    }
}

TEST(read_request, a_content_length_next_to_a_transfer_encoding_is_400) {
    auto const r =
        read_all("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    EXPECT_TRUE(r.targets.empty());
    ASSERT_TRUE(r.answer);
    EXPECT_EQ(r.answer->status(), 400);
}

// --max-header-bytes bounds the request line and the header fields together (docs/command-line.md).
// Beast's own header limit applies to each on its own: a request line near the limit followed by
// fields near it again was read.
TEST(read_request, the_request_line_and_the_fields_together_keep_the_header_limit) {
    core::http_limits limits;
    limits.max_header_bytes = 512;
    std::string const target = "/" + std::string(300, 'a');
    std::string const field = "X-Long: " + std::string(300, 'b') + "\r\n";
    auto const over = read_all("GET " + target + " HTTP/1.1\r\nHost: h\r\n" + field + "\r\n", limits);
    EXPECT_TRUE(over.targets.empty());
    ASSERT_TRUE(over.answer);
    EXPECT_EQ(over.answer->status(), 431);
    auto const within = read_all("GET " + target + " HTTP/1.1\r\nHost: h\r\nX-Short: b\r\n\r\n", limits);
    EXPECT_EQ(within.targets, std::vector<std::string>{target});
    EXPECT_FALSE(within.answer);
}

// RFC 9110 §6.5.1: trailer fields are not merged into the header section. A Host or an
// Authorization after a chunked body, which a front end may not have looked at, is not the
// request's.
TEST(read_request, trailer_fields_are_not_the_requests) {
    auto const r = read_all(
        "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n"
        "0\r\nHost: elsewhere\r\nAuthorization: Bearer trailing\r\n\r\n"
        "GET /b HTTP/1.1\r\nHost: h\r\n\r\n");
    EXPECT_EQ(r.targets, (std::vector<std::string>{"/a", "/b"}));
    ASSERT_EQ(r.fields.size(), 2u);
    EXPECT_EQ(r.fields[0], (std::vector<std::string>{"Host: h", "Transfer-Encoding: chunked"}));
    EXPECT_FALSE(r.answer);
}

// Beast limits no trailer section: one that does not end is held only up to the header limit
// and one read, then refused as header fields would be.
TEST(read_request, a_trailer_section_that_does_not_end_is_431) {
    auto const r = read_all("POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Long: " +
                            std::string(200000, 'a'));
    EXPECT_TRUE(r.targets.empty());
    ASSERT_TRUE(r.answer);
    EXPECT_EQ(r.answer->status(), 431);
}

// A route's own body limit replaces --max-body-bytes, larger or smaller, for a Content-Length
// and a chunked body alike, and its 413 has the route's detail.
TEST(read_request, a_routes_body_limit_replaces_the_servers) {
    core::http_limits limits;
    limits.max_body_bytes = 10;
    auto const body = std::string(20, 'x');
    auto const sized = "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 20\r\n\r\n" + body;
    auto const chunked =
        "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + body + "\r\n0\r\n\r\n";
    for (auto const& request : {sized, chunked}) {
        auto const server = read_all(request, limits);
        ASSERT_TRUE(server.answer);
        EXPECT_EQ(server.answer->status(), 413);
        EXPECT_EQ(server.answer->detail(), "request body exceeds 10 bytes");
        auto const larger = read_all(request, limits, {30, "over the route's limit"});
        EXPECT_EQ(larger.targets, std::vector<std::string>{"/a"});
        auto const smaller = read_all(request, limits, {5, "over the route's limit"});
        ASSERT_TRUE(smaller.answer);
        EXPECT_EQ(smaller.answer->status(), 413);
        EXPECT_EQ(smaller.answer->detail(), "over the route's limit");
    }
}

}  // namespace
}  // namespace scim::http
