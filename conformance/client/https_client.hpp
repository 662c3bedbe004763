#pragma once
// A small synchronous HTTP/1.1 client over TLS (or plain TCP) for the tests and the
// conformance runner: one keep-alive connection, certificate verification off unless asked
// for (scimd's development certificate is self-signed), and a raw mode for malformed
// requests. Beast stays out of this header.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>

namespace scim::testing {

struct http_reply {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // Chunks with content in a chunked response (RFC 9112 §7.1); 0 for any other framing.
    std::size_t chunks = 0;

    // First header of that name, any case; "" when absent.
    std::string header(std::string_view name) const;
    // The body as JSON; throws when it is not.
    boost::json::value json() const;
};

struct client_options {
    bool tls = true;
    // "1.1", "1.2" or "1.3": the client offers exactly that version, so TLS tests can
    // check which ones the server accepts.
    std::string tls_min_version = "1.2";
    std::chrono::seconds timeout{20};  // for each connect, handshake, write and read
    // Verify the server's certificate chain against the system's trusted roots and its name
    // against the host (RFC 6125); off for tests, on for the conformance runner by default.
    bool verify_certificate = false;
};

class https_client {
public:
    https_client(std::string host, unsigned short port, client_options options = {});
    ~https_client();
    https_client(https_client const&) = delete;
    https_client& operator=(https_client const&) = delete;

    // Sends one request on the keep-alive connection, opening a new one when there is none
    // or the server has closed it. Sends Host, and Content-Type: application/scim+json with
    // a body, unless `headers` name them. Throws std::runtime_error when no response comes.
    http_reply request(std::string_view method, std::string_view target, std::string_view body = {},
                       std::vector<std::pair<std::string, std::string>> const& headers = {});

    // Sends `bytes` as they are on a new connection and reads one response, then closes.
    http_reply raw(std::string_view bytes);

    // Connections opened so far (keep-alive tests).
    std::size_t connections_opened() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace scim::testing
