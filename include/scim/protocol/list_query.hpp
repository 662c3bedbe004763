#pragma once
// The query parameters of a list request (RFC 7644 §3.4.2).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scim/core/config.hpp"

namespace scim::protocol {

struct list_query {
    std::int64_t start_index = 1;  // 1-based (RFC 7644 §3.4.2.4)
    std::int64_t count = 0;        // after defaults and the configured cap
    std::optional<std::string> filter;
};

// startIndex below 1 is read as 1 and a negative count as 0 (RFC 7644 §3.4.2.4); a count
// above the maximum page size is capped to it; a value that is not an integer is 400
// invalidValue. Unknown parameters are ignored.
list_query parse_list_query(std::vector<std::pair<std::string, std::string>> const& parameters,
                            core::scim_limits const& limits);

}  // namespace scim::protocol
