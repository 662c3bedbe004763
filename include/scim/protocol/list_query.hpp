#pragma once
// The parameters of a list request (RFC 7644 §3.4.2), from a query string or from a
// SearchRequest body (RFC 7644 §3.4.3), and of RFC 9865 cursor paging.
//
// As RFC 7644 §3.4.2.4 says, a startIndex below 1 is read as 1 and a negative count as 0; a
// startIndex or count that is not an integer is 400 invalidValue. A count above the maximum
// page size is capped to it. Parameter names are matched
// case-insensitively (identity providers vary); a repeated one is 400 invalidValue.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "scim/core/config.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"

namespace scim::protocol {

enum class sort_order { ascending, descending };

struct list_query {
    std::int64_t start_index = 1;  // 1-based (RFC 7644 §3.4.2.4)
    std::int64_t count = 0;        // after the default page size and the cap; 0 = only totalResults
    std::optional<std::string> filter;
    std::optional<std::string> sort_by;
    sort_order order = sort_order::ascending;        // RFC 7644 §3.4.2.3: ascending unless asked
    std::optional<std::string> attributes;           // comma-separated, as received
    std::optional<std::string> excluded_attributes;  // comma-separated, as received
    // RFC 9865 §3: present (even empty, which asks for the first page) selects cursor paging.
    std::optional<std::string> cursor;
};

list_query parse_list_query(std::vector<std::pair<std::string, std::string>> const& parameters,
                            core::scim_limits const& limits);

// The members of a SearchRequest (RFC 7644 §3.4.3), with the same rules; attributes and
// excludedAttributes are arrays of strings. Unknown members are ignored.
list_query parse_search_request(boost::json::object const& body, core::scim_limits const& limits);

// The limits of filters (RFC 7644 §3.4.2.2) as configured.
filter_limits filter_limits_of(core::scim_limits const& limits);

// sortBy names one attribute (RFC 7644 §3.4.2.3): an attribute path, no value filter, bound
// against `type`. Throws core::error(invalid_value) for anything else.
bound_path bind_sort_by(std::string const& text, filter_limits const& limits, schema_registry const& registry,
                        resource_type const& type);

}  // namespace scim::protocol
