#pragma once
// A server's known failures: cases it is known to fail, each with the reason, kept in a file
// (conformance/known-failures/<server>.json) so that CI can pass while the failure stays in
// plain sight. A listed case that passes fails the run, so the list never goes stale.
//
//   {"known_failures": [{"case": "paging/start-index-below-one", "reason": "..."}]}

#include <map>
#include <string>

#include <boost/json/value.hpp>

#include "execution.hpp"

namespace scim::conformance {

using known_failures = std::map<std::string, std::string>;  // "area/id" -> reason

// Throws case_format_error when the document is not in the shape above.
known_failures parse_known_failures(boost::json::value const& document);

// Marks a listed failing case known_failure (with its reason), and fails a listed case
// that passed.
void apply_known_failures(case_result& result, known_failures const& known);

}  // namespace scim::conformance
