// /Me (RFC 7644 §3.11): the resource of the authenticated subject. A directory's bearer token
// stands for the identity provider that pushes the directory, not for any person in it, so
// there is no User to alias: every method answers 501 Not Implemented, as §3.11 says a provider
// that cannot map the token to a resource does. The token is checked first, so that a caller
// without one learns nothing but 401.

#include <array>

#include "api_routes.hpp"
#include "scim/core/error.hpp"
#include "scim/service/directory_access.hpp"
#include "scim_call.hpp"

namespace scim::api {
namespace {

http::response me(service::context const& ctx, http::request const& req, http::route_params const& p) {
    service::check_directory_access(ctx, scim_call_of(ctx, req, p, nullptr).request);
    throw core::error(core::error_type::not_implemented,
                      "/Me is not implemented: the bearer token belongs to a directory, not to a person, "
                      "so there is no User it stands for (RFC 7644 §3.11)");
}

}  // namespace

void add_me_routes(http::router& routes, service::context const& ctx) {
    std::string const base = "/scim/directory/{directory}/Me";
    for (auto const* method : std::array{"GET", "POST", "PUT", "PATCH", "DELETE"}) {
        // Sub-paths too (/Me/.search, /Me/{anything}): none of them has a subject either.
        for (auto const* tail : std::array{"", "/{below}", "/{below}/{further}"}) {
            routes.add(method, base + tail, bind(ctx, me));
        }
    }
}

}  // namespace scim::api
