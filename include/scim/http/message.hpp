#pragma once
// Plain request and response values. They carry no Beast types so that everything above
// http/ compiles without Asio or Beast headers.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scim::http {

struct request {
    std::string method;  // upper case as received: "GET", "POST", ...
    std::string target;  // raw request target: path plus query
    std::string path;    // target up to '?', percent-decoded
    std::string query;   // target after '?', still encoded; see query_parameters()
    // Header names are stored lower-cased.
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string request_id;  // assigned by the server, echoed as X-Request-Id
    bool secure = true;      // arrived over TLS

    // Value of the first header with this name (any case); empty when absent.
    std::string_view header(std::string_view name) const noexcept;
    bool has_header(std::string_view name) const noexcept;
};

// A body made piece by piece, for answers too large to build in memory (the CSV exports).
// The server calls it on a worker thread, so it may block (read the database), one call at a
// time, and writes each piece as one HTTP/1.1 chunk (RFC 9112 §7.1) before it asks for the
// next one: at most one piece is in memory or in flight. nullopt ends the body; an empty
// piece is skipped. Whatever it throws cuts the body short (the client sees no last chunk).
// The server also destroys it on a worker thread, after the end or when the client is gone,
// so that its destructor may release database resources.
using body_producer = std::function<std::optional<std::string>()>;

struct response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    body_producer stream;  // when set, the body comes from it and `body` is not sent

    // Replaces any header of the same name (case-insensitive).
    response& set_header(std::string name, std::string value);
    std::string_view header(std::string_view name) const noexcept;
};

// Decoded `name=value` pairs of a query string, in order (application/x-www-form-urlencoded:
// '+' is a space, %XX is a byte). Throws core::error(bad_request) on a malformed escape.
std::vector<std::pair<std::string, std::string>> query_parameters(std::string_view query);

// The URL scimd is reached at, without a trailing "/": `public_url` when configured
// (--public-url), else the scheme and Host of the request — a Host the server checked
// (RFC 9112 §3.2); core::error(bad_request) for one that is not host[:port].
std::string public_base_url(request const& req, std::string const& public_url);

// The value of --public-url as links start with it: an absolute http or https URL,
// scheme "://" host[:port] [path], without user information, query or fragment (RFC 3986
// §3), its trailing "/" removed. Throws std::invalid_argument naming what is wrong.
std::string public_url_option(std::string_view url);

// Percent-decodes a path or query component; plus_is_space for query components.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace scim::http
