#pragma once
// Request bodies in, response bodies out.

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace scim::protocol {

// Parses a request body. Malformed JSON, a body that is not an object, or nesting deeper
// than max_depth → core::error(invalid_syntax) with the position of the problem.
boost::json::object parse_request_object(std::string_view body, std::size_t max_depth);

std::string serialize(boost::json::value const& v);

}  // namespace scim::protocol
