// GCC 12 at -O2 with the sanitizers reports std::function's _M_invoker as maybe-uninitialized
// inside libstdc++'s std::regex (GCC bug 105562): a false positive in the library's code, and
// the reason std::regex is kept to this file. Clang has no such warning.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "pattern.hpp"

#include <regex>
#include <stdexcept>

namespace scim::conformance {

bool pattern_found(std::string const& text, std::string const& pattern) {
    std::regex compiled;
    try {
        compiled.assign(pattern, std::regex::ECMAScript);
    } catch (std::regex_error const& e) {
        throw std::invalid_argument("bad regular expression /" + pattern + "/: " + e.what());
    }
    return std::regex_search(text, compiled);
}

}  // namespace scim::conformance
