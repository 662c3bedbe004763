#pragma once
// Listing a directory's resources with a SCIM filter, sort order and either index paging
// (RFC 7644 §3.4.2.4) or keyset paging for RFC 9865 cursors: what every resource type's
// listing shares.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/filter_binding.hpp"

namespace scim::store {

// A position between two rows of the sorted listing: the boundary row's sort value (as
// text; nullopt when the row has no value) and id.
struct keyset_boundary {
    bool forward = true;  // true: the rows after the boundary; false: the rows before it
    std::optional<std::string> sort_key;
    std::string id;
};

// Where an earlier index page of the same unfiltered listing ended (its last row), and the
// owner's write stamp when it was read: while the stamp has not moved, no row of the type
// changed, so the page at `offset` starts right after `after` (docs/paging.md).
struct index_resume {
    std::int64_t offset = 0;
    std::int64_t stamp = 0;
    keyset_boundary after;
};

// A filtered listing's count and the write stamp it was counted at: it holds while the stamp
// stays, for a filter that reads the row alone (docs/paging.md).
struct known_total {
    std::int64_t stamp = 0;
    std::int64_t total = 0;
};

struct listing_request {
    std::string owner_id;  // the directory whose resources are listed (the organization, for managed accounts)
    protocol::bound_filter const* filter = nullptr;  // null: every resource
    protocol::bound_path const* sort_by = nullptr;   // null: creation order
    bool descending = false;
    std::int64_t limit = 0;                   // rows wanted; 0 counts only
    std::int64_t offset = 0;                  // index paging: rows to skip
    std::optional<keyset_boundary> boundary;  // keyset paging: where to start (offset is then 0)
    std::optional<index_resume> resume;       // index paging without a filter: a known position
    std::optional<known_total> counted;       // with a filter: a count read earlier
};

template <typename Row>
struct listed {
    Row row;
    std::optional<std::string> sort_key;  // for the cursor that starts after (or before) this row
};

template <typename Row>
struct listing {
    std::int64_t total = 0;         // every resource matching the filter
    std::vector<listed<Row>> rows;  // in listing order, whatever the direction of travel
    bool more = false;              // rows exist beyond these in the direction of travel
    // The write stamp read with the total: always without a filter (index_resume); with one
    // that reads the row alone, when the total was counted or known (known_total).
    std::optional<std::int64_t> stamp;
};

}  // namespace scim::store
