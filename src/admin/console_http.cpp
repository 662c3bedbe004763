#include "console_http.hpp"

#include "scim/admin/routes.hpp"

namespace scim::admin {

void add_console_headers(http::response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
                   "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
                   "object-src 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("X-Frame-Options", "DENY");
}

http::response render_console_error(core::error const& e, http::request const* req) {
    auto res = render_error(e, req);
    add_console_headers(res);
    return res;
}

}  // namespace scim::admin
