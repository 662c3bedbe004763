#pragma once
// Listing a directory's Users with a SCIM filter, sort order and either index paging
// (RFC 7644 §3.4.2.4) or keyset paging for RFC 9865 cursors.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/filter_binding.hpp"
#include "scim/store/users.hpp"

namespace soci {
class session;
}

namespace scim::store {

// A position between two rows of the sorted listing: the boundary row's sort value (as
// text; nullopt when the row has no value) and id.
struct keyset_boundary {
    bool forward = true;  // true: the rows after the boundary; false: the rows before it
    std::optional<std::string> sort_key;
    std::string id;
};

struct user_listing_request {
    std::string directory_id;
    protocol::bound_filter const* filter = nullptr;  // null: every user
    protocol::bound_path const* sort_by = nullptr;   // null: creation order
    bool descending = false;
    std::int64_t limit = 0;   // rows wanted; 0 counts only
    std::int64_t offset = 0;  // index paging: rows to skip
    std::optional<keyset_boundary> boundary;  // keyset paging: where to start (offset is then 0)
};

struct listed_user {
    user_row row;
    std::optional<std::string> sort_key;  // for the cursor that starts after (or before) this row
};

struct user_listing {
    std::int64_t total = 0;          // every user matching the filter
    std::vector<listed_user> rows;   // in listing order, whatever the direction of travel
    bool more = false;               // rows exist beyond these in the direction of travel
};

// Sort order: the sort value (missing values last), then id, so pages never overlap or
// skip (RFC 7644 §3.4.2.3 leaves ties to the server). Throws core::error(invalid_filter)
// for a filter SQL cannot express and core::error(invalid_value) for an unusable sortBy.
user_listing list_users(soci::session& s, user_listing_request const& request);

// The plan PostgreSQL chooses for the page query of `request` (EXPLAIN), one line per
// plan node: for operators checking index use, and for the tests that prove it.
std::string explain_list_users(soci::session& s, user_listing_request const& request);

}  // namespace scim::store
