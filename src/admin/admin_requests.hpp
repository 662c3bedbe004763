#pragma once
// What the admin endpoints share: the admin token check and JSON in and out.

#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/admin/context.hpp"
#include "scim/http/message.hpp"

namespace scim::admin {

// The request's bearer token must be an unrevoked admin token of `organization_id`;
// otherwise core::error(unauthorized), the same for every failure. Answers the token's id,
// which names the admin in the journal (store::append_admin_entry).
std::string authenticate_admin(context const& ctx, http::request const& req, std::string const& organization_id);

// The body as a JSON object (application/json or no Content-Type); 400 invalidSyntax when it
// is not one, 415 for another media type.
boost::json::object read_json(context const& ctx, http::request const& req);

http::response json_response(int status, boost::json::value const& body);

}  // namespace scim::admin
