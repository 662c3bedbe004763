#include "scim/http/readiness_probe.hpp"

#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace scim::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

// /readyz answers a few bytes of JSON; anything longer is not scimd.
constexpr std::size_t max_answer_bytes = 16384;

// serve's --listen 0.0.0.0 or :: listens on every address, loopback among them.
std::string loopback_for(std::string const& host) {
    if (host == "0.0.0.0") return "127.0.0.1";
    if (host == "::") return "::1";
    return host;
}

std::string where(std::string const& host, unsigned short port) {
    return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// One GET /readyz on `stream` (connected, and TLS-handshaken when it is a TLS stream); the
// status code, or what went wrong. The stream's deadline bounds every step.
template <typename Stream>
void ask(Stream& stream, std::string const& host_header, std::optional<unsigned>& status, beast::error_code& failure,
         beast::flat_buffer& buffer, bhttp::request<bhttp::empty_body>& request,
         bhttp::response_parser<bhttp::string_body>& parser) {
    request = {bhttp::verb::get, "/readyz", 11};
    request.set(bhttp::field::host, host_header);
    request.set(bhttp::field::connection, "close");
    parser.body_limit(max_answer_bytes);
    bhttp::async_write(stream, request, [&](beast::error_code ec, std::size_t) {
        if (ec) {
            failure = ec;
            return;
        }
        bhttp::async_read(stream, buffer, parser, [&](beast::error_code read_ec, std::size_t) {
            if (read_ec) {
                failure = read_ec;
                return;
            }
            status = parser.get().result_int();
        });
    });
}

}  // namespace

probe_outcome probe_readiness(probe_target const& target) {
    auto const host = loopback_for(target.host);
    auto const host_header = where(host, target.port);
    asio::io_context io;
    beast::error_code ec;
    // An address resolves at once; a name of this host from /etc/hosts.
    auto const endpoints = asio::ip::tcp::resolver(io).resolve(host, std::to_string(target.port), ec);
    if (ec) return {false, "cannot resolve " + host + ": " + ec.message()};

    // The certificate is not verified: the probe talks only to the scimd on this host, whose
    // certificate is often the self-signed one it makes at start (or one for a public name, not
    // for the loopback address asked here); it sends no secret and reads nothing but the status
    // code, so verification would protect nothing and fail every self-signed deployment.
    asio::ssl::context tls(asio::ssl::context::tls_client);
    tls.set_verify_mode(asio::ssl::verify_none);
    beast::ssl_stream<beast::tcp_stream> stream(io, tls);
    auto& tcp = beast::get_lowest_layer(stream);
    tcp.expires_after(target.timeout);

    std::optional<unsigned> status;
    beast::error_code failure;
    char const* step = "connect to";
    beast::flat_buffer buffer;
    bhttp::request<bhttp::empty_body> request;
    bhttp::response_parser<bhttp::string_body> parser;
    tcp.async_connect(endpoints, [&](beast::error_code connect_ec, asio::ip::tcp::endpoint const&) {
        if (connect_ec) {
            failure = connect_ec;
            return;
        }
        step = "ask";
        if (!target.tls) {
            ask(tcp, host_header, status, failure, buffer, request, parser);
            return;
        }
        step = "complete a TLS handshake with";
        stream.async_handshake(asio::ssl::stream_base::client, [&](beast::error_code handshake_ec) {
            if (handshake_ec) {
                failure = handshake_ec;
                return;
            }
            step = "ask";
            ask(stream, host_header, status, failure, buffer, request, parser);
        });
    });
    io.run();

    if (!status) {
        auto const reason = failure == beast::error::timeout
                                ? "no answer within " + std::to_string(target.timeout.count()) + " s"
                                : failure.message();
        return {false, std::string("cannot ") + step + " " + host_header + ": " + reason};
    }
    return {*status == 200, "GET /readyz on " + host_header + " answered " + std::to_string(*status)};
}

}  // namespace scim::http
