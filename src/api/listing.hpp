#pragma once
// Listing Users: GET /Users, POST /Users/.search and POST /.search share one path from the
// query parameters (RFC 7644 §3.4.2, §3.4.3) to the ListResponse.

#include <string>

#include "scim/api/context.hpp"
#include "scim/http/message.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/projection.hpp"

namespace scim::api {

http::response list_users(context const& ctx, http::request const& req, std::string const& directory_id,
                          protocol::list_query const& query);

// attributes / excludedAttributes of a single-resource request (RFC 7644 §3.9).
protocol::projection requested_projection(context const& ctx, http::request const& req);

}  // namespace scim::api
