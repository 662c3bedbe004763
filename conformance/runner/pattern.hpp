#pragma once
// The regular expressions of case files (`matches`, header patterns): ECMAScript syntax, as
// in JavaScript, searched anywhere in the text unless anchored.

#include <string>

namespace scim::conformance {

// Whether `pattern` matches somewhere in `text`. Throws std::invalid_argument when the
// pattern is not a valid regular expression.
bool pattern_found(std::string const& text, std::string const& pattern);

}  // namespace scim::conformance
