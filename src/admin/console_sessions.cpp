// The admin console's session (docs/console.md "Security"): POST /console/session exchanges an
// admin token for a session cookie, GET answers the session (with its CSRF token, which the
// console keeps in memory only), DELETE signs out.

#include <boost/json/object.hpp>

#include "admin_http.hpp"
#include "admin_routes.hpp"
#include "console_http.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/service/console_sessions.hpp"

namespace scim::admin {
namespace {

// The journal keeps this path of the session's requests, and never their body.
constexpr char const* session_path = "/console/session";

boost::json::object session_json(service::console_session const& session) {
    return {{"organizationId", session.organization_id},
            {"organizationName", session.organization_name},
            {"tokenLabel", session.token_label},
            {"expires", session.expires},
            {"csrfToken", session.csrf_token}};
}

// RFC 6265 §4.1: HttpOnly keeps it from scripts, Secure off plain connections, SameSite=Strict
// off requests other sites' pages make; Max-Age=0 removes it.
std::string cookie_header(std::string const& value, long long max_age) {
    return std::string(console_cookie_name) + "=" + value +
           "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
}

http::response console_json(int status, boost::json::value const& body) {
    auto res = json_response(status, body);
    add_console_headers(res);
    return res;
}

http::response sign_in(service::context const& ctx, http::request const& req, http::route_params const& p) {
    // JSON only: an HTML form of another site can send urlencoded, multipart or text bodies
    // without a CORS preflight, never application/json (the Fetch standard's CORS-safelisted
    // request headers).
    if (!core::to_lower_ascii(req.header("content-type")).starts_with("application/json"))
        throw core::error(core::error_type::unsupported_media_type,
                          "sign-in takes application/json: {\"token\": \"scimdadmin_…\"}");
    auto call = admin_call_of(req, p, std::string(session_path));
    call.request.body.clear();
    auto const body = read_json(ctx, req);
    auto const* token = body.if_contains("token");
    if (!token || !token->is_string())
        throw core::error(core::error_type::invalid_value, "\"token\" must be the admin token, a string");
    auto const session = service::sign_in_console(ctx, call.request, std::string(token->as_string()));
    auto res = console_json(201, session_json(session));
    res.set_header("Set-Cookie",
                   cookie_header(session.cookie, static_cast<long long>(ctx.config.console_session_lifetime.count())));
    return res;
}

http::response show(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto const call = admin_call_of(req, p, std::string(session_path));
    return console_json(200, session_json(service::current_console_session(ctx, call.request)));
}

http::response sign_out(service::context const& ctx, http::request const& req, http::route_params const& p) {
    auto call = admin_call_of(req, p, std::string(session_path));
    call.request.body.clear();
    service::sign_out_console(ctx, call.request);
    http::response res;
    res.status = 204;
    res.set_header("Set-Cookie", cookie_header("", 0));
    add_console_headers(res);
    return res;
}

}  // namespace

void add_console_session_routes(http::router& routes, service::context const& ctx) {
    routes.add("POST", session_path, bind(ctx, sign_in));
    // HEAD too, as GET answers (RFC 9110 §9.3.2): otherwise the console's pages, which answer
    // HEAD for any path under /console/, would answer it with index.html.
    for (auto const* method : {"GET", "HEAD"}) routes.add(method, session_path, bind(ctx, show));
    routes.add("DELETE", session_path, bind(ctx, sign_out));
}

}  // namespace scim::admin
