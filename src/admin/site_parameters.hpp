#pragma once
// The sites a Users page or a site users export covers, named in the query string.

#include <string>
#include <vector>

#include "admin_http.hpp"

namespace scim::admin {

// ?site=a&site=b or ?site=a,b (any case of "site"), each a one-line value; at most as many as
// one multi-valued attribute may hold (docs/errors.md "Limits"), 400 invalid_value beyond.
// None: the request covers every site of the organization.
std::vector<std::string> site_parameters(service::context const& ctx, admin_call const& call);

}  // namespace scim::admin
