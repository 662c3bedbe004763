#pragma once
// What the admin endpoints share: the admin token check and JSON in and out.

#include <cstdint>
#include <optional>
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

// o[name] = the value, or null when there is none.
void put_optional(boost::json::object& o, char const* name, std::optional<std::string> const& v);

// The page a listing asks for with startIndex (1-based, default 1) and count (default 100,
// at most the SCIM page size); 400 invalidValue when either is not a non-negative integer.
struct page_request {
    std::int64_t start_index = 1;
    std::int64_t count = 100;
};
page_request read_page(context const& ctx, http::request const& req);

}  // namespace scim::admin
