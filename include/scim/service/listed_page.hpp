#pragma once
// One page of a SCIM listing (RFC 7644 §3.4.2; RFC 9865 cursors), as the response shows it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/projection.hpp"

namespace scim::service {

template <typename Item>
struct listed_page {
    std::int64_t total = 0;        // totalResults: every resource the filter matches
    std::int64_t start_index = 1;  // index paging (RFC 7644 §3.4.2.4)
    bool cursor_paging = false;    // RFC 9865: no startIndex; next and previous cursors instead
    std::optional<std::string> next_cursor;
    std::optional<std::string> previous_cursor;
    protocol::projection projection;  // what each item shows (attributes / excludedAttributes)
    std::vector<Item> items;
};

}  // namespace scim::service
