#pragma once
// Checking one response against a step's expectations, and capturing values from it.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "case_model.hpp"
#include "substitution.hpp"

namespace scim::conformance {

struct http_response {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // The first header of that name, any case (RFC 9110 §5.1).
    std::optional<std::string> header(std::string_view name) const;
};

// One message per unmet expectation; empty when the response meets them all. Expected
// values and patterns may hold ${variables}.
std::vector<std::string> check_response(step const& s, http_response const& response, variables const& vars);

// The value `from` ("$.json.path" or "header:Name") names in the response: strings as they
// are, other JSON values serialized. nullopt when there is none.
std::optional<std::string> capture(std::string const& from, http_response const& response);

}  // namespace scim::conformance
