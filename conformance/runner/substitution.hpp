#pragma once
// Variables in case files: `${name}` in a path, a header or any string of a body is replaced
// by the variable's value (a run's prefix, or something an earlier step captured).

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace scim::conformance {

using variables = std::map<std::string, std::string>;

// A `${name}` with no value: the step that needs it cannot be sent (an earlier capture failed).
struct unknown_variable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string substitute(std::string_view text, variables const& vars);

// Every string in `value` (object keys included) substituted.
boost::json::value substitute_json(boost::json::value const& value, variables const& vars);

// A request target as written in a case, made safe to send: characters that may not appear
// in a URL (spaces and quotes of filters, brackets of value paths, non-ASCII) are
// percent-encoded (RFC 3986 §2.1); '%' is kept so that authors may encode by hand.
std::string encode_target(std::string_view target);

}  // namespace scim::conformance
