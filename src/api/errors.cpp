#include "scim/api/routes.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim_call.hpp"

namespace scim::api {

http::response render_error(core::error const& e, http::request const*) {
    auto res = scim_json(e.status(), protocol::error_body(e));
    if (e.type() == core::error_type::unauthorized) res.set_header("WWW-Authenticate", "Bearer realm=\"scimd\"");
    if (auto seconds = e.retry_after_seconds()) res.set_header("Retry-After", std::to_string(*seconds));
    return res;
}

}  // namespace scim::api
