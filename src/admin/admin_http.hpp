#pragma once
// What the admin endpoints share at the HTTP boundary: the request read once (service's
// admin_request and the decoded query), JSON bodies in and out, paging parameters.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/core/config.hpp"
#include "scim/core/text_rules.hpp"
#include "scim/http/message.hpp"
#include "scim/http/router.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"

namespace scim::admin {

// An admin request read once: what the use case takes, and the decoded query parameters.
struct admin_call {
    service::admin_request request;
    std::vector<std::pair<std::string, std::string>> parameters;

    // The value of query parameter `name` (any case), if given.
    std::optional<std::string> parameter(std::string_view name) const;
};

// The request as the use cases take it; `journal_path` replaces the path the journal keeps
// (a path carrying a secret). A query parameter holding NUL is 400 invalid_value: libpq
// would cut it short there (docs/errors.md "Limits").
admin_call admin_call_of(http::request const& req, http::route_params const& p,
                         std::optional<std::string> journal_path = std::nullopt);

// The body as a JSON object (application/json or no Content-Type); 400 invalidSyntax when it
// is not one, 415 for another media type.
boost::json::object read_json(service::context const& ctx, http::request const& req);

// `text`, the value of field or parameter `name`, when it meets `rule` (docs/errors.md
// "Limits": length in UTF-8 bytes, no NUL, no control characters in one-line values); 400
// invalid_value naming the field otherwise.
std::string checked_text(std::string_view name, std::string_view text, core::text_rule rule);

// One-line values (names, addresses, URLs) and labels (product names), as most fields are.
inline constexpr core::text_rule line_rule{core::text_limits::line_bytes};
inline constexpr core::text_rule label_rule{core::text_limits::label_bytes};

http::response json_response(int status, boost::json::value const& body);
http::response no_content();

// A value that may be absent, as JSON: the string or null.
boost::json::value json_or_null(std::optional<std::string> const& v);
// o[name] = the value, or null when there is none.
void put_optional(boost::json::object& o, char const* name, std::optional<std::string> const& v);

// The page a listing asks for with startIndex (1-based, default 1) and count (default 100, at
// most the SCIM page size); 400 invalidValue when either is not a non-negative integer.
struct page_request {
    std::int64_t start_index = 1;
    std::int64_t count = 100;
};
page_request read_page(service::context const& ctx, admin_call const& call);

// A route handler of the admin API: (ctx, request, route parameters) → response.
using admin_handler = http::response (*)(service::context const&, http::request const&, http::route_params const&);
inline http::handler bind(service::context const& ctx, admin_handler h) {
    return [&ctx, h](http::request const& req, http::route_params const& p) { return h(ctx, req, p); };
}

}  // namespace scim::admin
