#pragma once
// Request bodies in and SCIM responses out, shared by the SCIM endpoints.

#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/api/context.hpp"
#include "scim/http/message.hpp"

namespace scim::api {

// The body as a JSON object. Content-Type must be application/scim+json or
// application/json (RFC 7644 §3.1 and what identity providers really send) or absent;
// anything else is 415.
boost::json::object read_json_body(context const& ctx, http::request const& req);

// A response with an application/scim+json body.
http::response scim_json(int status, boost::json::value const& body);

// Absolute URL of a directory's SCIM base, e.g. https://host:8443/scim/directory/<id>
// (the configured public URL, else the request's scheme and Host).
std::string directory_base_url(context const& ctx, http::request const& req, std::string const& directory_id);

}  // namespace scim::api
