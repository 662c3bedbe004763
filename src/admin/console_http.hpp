#pragma once
// What every response under /console shares: the security headers of docs/console.md
// "Security", and the admin API's error body with them.

#include <string>

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"

namespace scim::admin {

// The console's Content-Security-Policy: its own scripts, styles and API only, images also
// from https (account photos) and data: URLs; never framed (also X-Frame-Options for browsers
// without frame-ancestors), no Referer, no MIME sniffing.
void add_console_headers(http::response& res);

// The name of the session's cookie: __Host- makes browsers take it only with Secure and Path=/
// and no Domain, from this very host (RFC 6265bis §4.1.3.2).
inline constexpr char const* console_cookie_name = "__Host-scimd-console";

// The value of the session cookie the request carries ("" when none).
std::string console_cookie(http::request const& req);

// The error renderer of /console: the admin API's JSON (render_error) with the console's headers.
http::response render_console_error(core::error const& e, http::request const* req);

}  // namespace scim::admin
