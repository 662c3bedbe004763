#pragma once
// What the admin endpoints share: the admin token check and JSON in and out.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/admin/context.hpp"
#include "scim/http/message.hpp"

namespace scim::admin {

// The request's bearer token must be an unrevoked admin token of `organization_id`;
// otherwise core::error(unauthorized), the same for every failure.
void authenticate_admin(context const& ctx, http::request const& req, std::string const& organization_id);

// The body as a JSON object (application/json or no Content-Type); 400 invalidSyntax when it
// is not one, 415 for another media type.
boost::json::object read_json(context const& ctx, http::request const& req);

http::response json_response(int status, boost::json::value const& body);

// The query parameter `name` (matched ignoring case), decoded; nullopt when absent.
std::optional<std::string> query_parameter(http::request const& req, std::string_view name);

// A listing's page as the admin API takes it: `startIndex` (1-based, default 1) and `count`
// (default core::scim_limits::default_page_size, capped to max_page_size), as SCIM index
// paging (RFC 7644 §3.4.2.4); 400 invalidValue for a value that is no non-negative integer.
struct page_request {
    std::int64_t start_index = 1;
    std::int64_t count = 0;
    std::int64_t offset() const noexcept { return start_index - 1; }
};
page_request read_page(context const& ctx, http::request const& req);

}  // namespace scim::admin
