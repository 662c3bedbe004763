#pragma once
// The Host header field (RFC 9110 §7.2, RFC 9112 §3.2): which requests carry a usable one.
// scimd builds the links of its responses from it when it serves without --public-url, so a
// Host is taken only when it is a syntactically valid authority without user information.

#include <optional>
#include <string_view>

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"

namespace scim::http {

// host [":" port] (RFC 3986 §3.2.2, §3.2.3): host a bracketed IPv6 address or a reg-name
// (unreserved characters, percent-encodings and sub-delims; dotted IPv4 addresses are
// reg-names too), port 1 to 5 digits up to 65535. An empty host is refused: no link can
// point to it.
bool is_valid_host(std::string_view host) noexcept;

// RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, and for any request with more
// than one Host or one that is_valid_host refuses (HTTP/1.0 requests may omit it).
std::optional<core::error> host_field_error(request const& req, unsigned http_version);

}  // namespace scim::http
