#pragma once
// The per-directory tallies of Users and Groups that listings read for totalResults
// (schemas/sql/013_listing.sql, docs/paging.md), and the per-organization tallies of managed
// accounts that the admin API's list reads (014_managed_account_listing.sql).

#include <cstdint>

namespace scim::store {

class session;

// Moves the changes that writes appended into the tallies, and drops those of directories and
// organizations that are gone; answers how many changes it folded. Two transactions folding at
// once would each wait on the other's deleted rows: the caller holds the round first
// (store::hold_round, periodic_rounds.hpp).
std::int64_t fold_resource_tallies(session& s);

}  // namespace scim::store
