#include "client/https_client.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>

#include <openssl/ssl.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/json/parse.hpp>

#include "scim/core/text.hpp"

namespace scim::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

int tls_version(std::string const& name) {
    if (name == "1.1") return TLS1_1_VERSION;
    if (name == "1.2") return TLS1_2_VERSION;
    if (name == "1.3") return TLS1_3_VERSION;
    throw std::invalid_argument("tls_min_version must be 1.1, 1.2 or 1.3, not " + name);
}

}  // namespace

std::string http_reply::header(std::string_view name) const {
    for (auto const& [n, v] : headers) {
        if (core::iequals(n, name)) return v;
    }
    return {};
}

boost::json::value http_reply::json() const { return boost::json::parse(body); }

struct https_client::impl {
    impl(std::string h, unsigned short p, client_options o) : host(std::move(h)), port(p), options(std::move(o)) {
        if (options.verify_certificate) {
            tls.set_default_verify_paths();
            tls.set_verify_mode(asio::ssl::verify_peer);
        } else {
            tls.set_verify_mode(asio::ssl::verify_none);
        }
        int version = tls_version(options.tls_min_version);
        SSL_CTX* native = tls.native_handle();
        SSL_CTX_set_min_proto_version(native, version);
        SSL_CTX_set_max_proto_version(native, version);
        if (version < TLS1_2_VERSION) {
            // OpenSSL 3 refuses TLS 1.1 at its default security level; lower it so that the
            // server, not this client, is what refuses.
            SSL_CTX_set_security_level(native, 0);
            SSL_CTX_set_cipher_list(native, "DEFAULT:@SECLEVEL=0");
        }
    }

    std::string where() const { return host + ":" + std::to_string(port); }
    bool connected() const { return plain.has_value() || secure.has_value(); }
    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    template <typename F>
    beast::error_code with_stream(F&& f) {
        return secure ? f(*secure) : f(*plain);
    }

    // Runs one asynchronous operation to completion under the timeout.
    template <typename Start>
    beast::error_code run(Start&& start) {
        beast::error_code result;
        lowest().expires_after(options.timeout);
        start([&result](beast::error_code ec, auto&&...) { result = ec; });
        ioc.restart();
        ioc.run();
        return result;
    }

    void connect() {
        disconnect();
        asio::ip::tcp::resolver resolver(ioc);
        auto endpoints = resolver.resolve(host, std::to_string(port));
        plain.emplace(ioc);
        auto ec = run([&](auto handler) { plain->async_connect(endpoints, std::move(handler)); });
        if (ec) {
            disconnect();
            throw std::runtime_error("cannot connect to " + where() + ": " + ec.message());
        }
        ++opened;
        plain->socket().set_option(asio::ip::tcp::no_delay(true), ec);  // no Nagle delays in timing tests
        if (!options.tls) return;
        secure.emplace(std::move(*plain), tls);
        plain.reset();
        beast::error_code parse_error;
        asio::ip::make_address(host, parse_error);
        if (parse_error) SSL_set_tlsext_host_name(secure->native_handle(), host.c_str());  // SNI: names only
        if (options.verify_certificate) secure->set_verify_callback(asio::ssl::host_name_verification(host));
        ec = run([&](auto handler) { secure->async_handshake(asio::ssl::stream_base::client, std::move(handler)); });
        if (ec) {
            disconnect();
            throw std::runtime_error("TLS handshake with " + where() + " failed: " + ec.message());
        }
    }

    void disconnect() {
        if (connected()) {
            beast::error_code ignored;
            lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
            lowest().close();
        }
        secure.reset();
        plain.reset();
        buffer.clear();
        reused = false;
    }

    // A kept-alive connection the server has since closed (idle timeout) shows as readable:
    // EOF, a reset, or a TLS alert. Nothing else may arrive between responses.
    bool peer_closed() {
        char byte;
        auto n = ::recv(lowest().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        return !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
    }

    // Reads the final response (skipping 1xx ones).
    // `head`: the answer to a HEAD request, which has no content whatever its Content-Length
    // says (RFC 9110 §9.3.2).
    http_reply read_reply(beast::error_code write_error, bool head = false) {
        for (;;) {
            std::size_t chunks = 0;
            auto count_chunk = [&chunks](std::uint64_t size, beast::string_view, beast::error_code&) {
                if (size > 0) ++chunks;
            };
            bhttp::response_parser<bhttp::string_body> parser;
            parser.body_limit(std::numeric_limits<std::uint64_t>::max());
            parser.on_chunk_header(count_chunk);
            parser.skip(head);
            auto ec = with_stream([&](auto& s) {
                return run([&](auto handler) { bhttp::async_read(s, buffer, parser, std::move(handler)); });
            });
            if (ec) {
                disconnect();
                throw std::runtime_error("no response from " + where() + ": " + ec.message() +
                                         (write_error ? " (after a failed write: " + write_error.message() + ")" : ""));
            }
            auto& res = parser.get();
            if (res.result_int() / 100 == 1) continue;
            http_reply reply;
            reply.status = static_cast<int>(res.result_int());
            for (auto const& field : res) reply.headers.emplace_back(field.name_string(), field.value());
            reply.body = std::move(res.body());
            reply.chunks = chunks;
            if (res.keep_alive()) {
                reused = true;
            } else {
                disconnect();
            }
            return reply;
        }
    }

    std::string host;
    unsigned short port;
    client_options options;
    asio::io_context ioc;
    asio::ssl::context tls{asio::ssl::context::tls_client};
    std::optional<beast::tcp_stream> plain;  // exactly one of these two while connected
    std::optional<tls_stream> secure;
    beast::flat_buffer buffer;
    std::size_t opened = 0;
    bool reused = false;  // a response already came on this connection
};

https_client::https_client(std::string host, unsigned short port, client_options options)
    : impl_(std::make_unique<impl>(std::move(host), port, std::move(options))) {}

https_client::~https_client() { impl_->disconnect(); }

http_reply https_client::request(std::string_view method, std::string_view target, std::string_view body,
                                 std::vector<std::pair<std::string, std::string>> const& headers) {
    auto& c = *impl_;
    if (c.connected() && c.reused && c.peer_closed()) c.disconnect();
    if (!c.connected()) c.connect();

    bhttp::request<bhttp::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    bool ipv6 = c.host.find(':') != std::string::npos;
    req.set(bhttp::field::host, (ipv6 ? "[" + c.host + "]" : c.host) + ":" + std::to_string(c.port));
    if (!body.empty()) req.set(bhttp::field::content_type, "application/scim+json");
    for (auto const& [name, value] : headers) req.erase(name);
    for (auto const& [name, value] : headers) req.insert(name, value);
    req.body() = std::string(body);
    req.prepare_payload();

    // A server that refuses early (413) may stop reading; its answer is still worth reading.
    auto write_error = c.with_stream(
        [&](auto& s) { return c.run([&](auto handler) { bhttp::async_write(s, req, std::move(handler)); }); });
    return c.read_reply(write_error, method == "HEAD");
}

http_reply https_client::raw(std::string_view bytes) {
    auto& c = *impl_;
    c.connect();
    auto write_error = c.with_stream([&](auto& s) {
        return c.run([&](auto handler) { asio::async_write(s, asio::buffer(bytes), std::move(handler)); });
    });
    auto reply = c.read_reply(write_error);
    c.disconnect();
    return reply;
}

std::size_t https_client::connections_opened() const { return impl_->opened; }

}  // namespace scim::testing
