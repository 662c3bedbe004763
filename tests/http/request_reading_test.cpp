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

reading read_all(std::string_view bytes, core::http_limits const& limits = {}) {
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
        asio::co_spawn(io, read_request(server, buffer, parser, limits),
                       [&](std::exception_ptr e, beast::error_code result) {
                           if (e) std::rethrow_exception(e);
                           ec = result;
                       });
        io.restart();
        io.run();
        if (ec) {
            out.answer = answer_for(ec, limits);
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

}  // namespace
}  // namespace scim::http
