#pragma once
// Request bodies in, response bodies out.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace scim::protocol {

// Parses a request body. Malformed JSON, a body that is not an object, or nesting deeper
// than max_depth → core::error(invalid_syntax) with the position of the problem.
boost::json::object parse_request_object(std::string_view body, std::size_t max_depth);

// A SCIM request body: its Content-Type, when given, must be application/scim+json or
// application/json (RFC 7644 §3.1, and what identity providers really send; parameters such as
// charset are allowed) — anything else is core::error(unsupported_media_type) — and it must be
// a JSON object as parse_request_object says.
boost::json::object parse_scim_body(std::optional<std::string> const& content_type, std::string_view body,
                                    std::size_t max_depth);

std::string serialize(boost::json::value const& v);

}  // namespace scim::protocol
