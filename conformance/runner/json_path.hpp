#pragma once
// The JSONPath subset that case files use to capture and assert on response bodies
// (conformance/README.md, "Paths"):
//
//   $                     the whole body
//   $.name  $.a.b         a member; names compare case-insensitively (RFC 7643 §2.1)
//   $['urn:...:User']     a member whose name holds dots or colons (schema URNs)
//   $.Resources[0]        an array element
//   $.emails[*].value     every element of an array
//   $.emails[?(@.type=='work')].value   the elements whose member equals a JSON literal
//                                       ('text', "text", true, false, null or a number)
//
// A step on a value that is not an object or array selects nothing, so "absent" holds.

#include <stdexcept>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace scim::conformance {

struct path_error : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// The values `path` selects in `root`, in document order. Throws path_error when the path is
// not in the subset above.
std::vector<boost::json::value const*> select(boost::json::value const& root, std::string_view path);

// JSON equality where numbers compare by value whatever their representation (1 and 1.0).
bool same_value(boost::json::value const& a, boost::json::value const& b);

}  // namespace scim::conformance
