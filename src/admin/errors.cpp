#include "scim/admin/routes.hpp"

#include <boost/json/object.hpp>

#include "admin_http.hpp"

namespace scim::admin {

// docs/admin-api.md "Errors": {"status": 409, "error": "uniqueness", "detail": "…"} as
// application/json, WWW-Authenticate on 401 (RFC 6750 §3), Retry-After where the error has one.
http::response render_error(core::error const& e, http::request const*) {
    boost::json::object body{{"status", e.status()}, {"error", core::name_of(e.type())}};
    if (!e.detail().empty()) body["detail"] = e.detail();
    auto res = json_response(e.status(), body);
    if (e.type() == core::error_type::unauthorized) res.set_header("WWW-Authenticate", "Bearer realm=\"scimd\"");
    if (auto seconds = e.retry_after_seconds()) res.set_header("Retry-After", std::to_string(*seconds));
    return res;
}

}  // namespace scim::admin
