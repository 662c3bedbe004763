#pragma once
// The per-directory tallies of Users and Groups that listings read for totalResults
// (schemas/sql/013_listing.sql, docs/paging.md), and the per-organization tallies of managed
// accounts that the admin API's list reads (014_managed_account_listing.sql).

#include <cstdint>

namespace scim::store {

class session;

// Moves the changes that writes appended into the tallies, and drops those of directories and
// organizations that are gone. One server folds at a time (the others skip); answers how many changes it folded.
std::int64_t fold_resource_tallies(session& s);

}  // namespace scim::store
