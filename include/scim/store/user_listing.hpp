#pragma once
// Listing a directory's Users (listing.hpp).

#include <string>

#include "scim/store/listing.hpp"
#include "scim/store/users.hpp"

namespace soci {
class session;
}

namespace scim::store {

// Sort order: the sort value (missing values last), then id, so pages never overlap or
// skip (RFC 7644 §3.4.2.3 leaves ties to the server). Throws core::error(invalid_filter)
// for a filter SQL cannot express and core::error(invalid_value) for an unusable sortBy.
listing<user_row> list_users(soci::session& s, listing_request const& request);

// The plan PostgreSQL chooses for the page query of `request` (EXPLAIN), one line per
// plan node: for operators checking index use, and for the tests that prove it.
std::string explain_list_users(soci::session& s, listing_request const& request);

}  // namespace scim::store
