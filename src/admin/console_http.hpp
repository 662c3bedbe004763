#pragma once
// What every response under /console shares: the security headers of docs/console.md
// "Security", and the admin API's error body with them.

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"

namespace scim::admin {

// The console's Content-Security-Policy: its own scripts, styles and API only, images also
// from https (account photos) and data: URLs; never framed (also X-Frame-Options for browsers
// without frame-ancestors), no Referer, no MIME sniffing.
void add_console_headers(http::response& res);

// The error renderer of /console: the admin API's JSON (render_error) with the console's headers.
http::response render_console_error(core::error const& e, http::request const* req);

}  // namespace scim::admin
