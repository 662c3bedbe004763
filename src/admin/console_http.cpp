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

std::string console_cookie(http::request const& req) {
    // RFC 6265 §4.2.1: "name=value" pairs separated by "; ", possibly in several Cookie fields.
    std::string_view const wanted = console_cookie_name;
    for (auto const& [name, value] : req.headers) {
        if (name != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            auto const end = rest.find(';');
            auto pair = rest.substr(0, end);
            rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            if (pair.size() > wanted.size() && pair.starts_with(wanted) && pair[wanted.size()] == '=')
                return std::string(pair.substr(wanted.size() + 1));
        }
    }
    return {};
}

http::response render_console_error(core::error const& e, http::request const* req) {
    auto res = render_error(e, req);
    add_console_headers(res);
    return res;
}

}  // namespace scim::admin
