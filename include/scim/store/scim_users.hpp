#pragma once
// SCIM User records of a directory (schemas/sql/001_init.sql, 002_query.sql). Queried
// attributes live in columns (userName, externalId, active); the rest of the resource is a
// JSONB document.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/store/account_links.hpp"
#include "scim/store/listing_query.hpp"
#include "scim/store/scim_group_members.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

struct user_row {
    std::string id;
    std::string directory_id;
    std::string user_name;
    std::optional<std::string> external_id;
    bool active = true;
    std::string attributes_json;  // the resource without id, meta and schemas
    std::int64_t version = 1;
    std::string created;                   // RFC 3339, UTC, millisecond precision
    std::string last_modified;             // RFC 3339, UTC, millisecond precision
    std::optional<account_facts> account;  // the linked account (account_links.hpp)
    // What other tables hold, read with the row when a read asks for it (user_relations): the
    // groups the user is a member of (RFC 7643 §4.1.2), by displayName, and its account's
    // memberships of the sites of the directory's organization, by site name.
    std::vector<group_reference> groups;
    std::vector<site_membership_reference> site_memberships;
};

// Which relations a read fetches along with the rows, in the same statement.
struct user_relations {
    bool groups = false;
    bool site_memberships = false;
};

struct user_fields {
    std::string user_name;
    std::optional<std::string> external_id;
    bool active = true;
    std::string attributes_json;
};

// What a write of a user did: the row as written, or why there is none.
struct user_write {
    std::optional<user_row> row;
    bool user_name_taken = false;  // another User of the directory has the userName (any case)
    bool account_taken = false;    // another User of the directory is linked to the account
};

// A new user, linked to `account_id` when given (account_links.hpp), read back with `relations`.
user_write insert_user(session& s, std::string const& directory_id, user_fields const& fields,
                       std::optional<std::string> const& account_id = std::nullopt, user_relations relations = {});
std::optional<user_row> find_user(session& s, std::string const& directory_id, std::string const& id,
                                  user_relations relations = {});
// Locks the row for the rest of the transaction.
std::optional<user_row> find_user_for_update(session& s, std::string const& directory_id, std::string const& id);
// Replaces the fields and bumps the version, provided the stored version is still
// `expected_version` (the write itself checks it: RFC 7644 §3.14 preconditions and lost updates
// both rest on it); no row and no clash when the user does not exist or has moved on.
user_write update_user(session& s, std::string const& directory_id, std::string const& id, user_fields const& fields,
                       std::int64_t expected_version, user_relations relations = {});
// With `expected_version`, deletes only that version.
bool delete_user(session& s, std::string const& directory_id, std::string const& id,
                 std::optional<std::int64_t> expected_version = std::nullopt);

// A page of the directory's Users (listing_query.hpp). Sort order: the sort value (missing values
// last), then id, so pages never overlap or skip (RFC 7644 §3.4.2.3 leaves ties to the server).
// Throws core::error(invalid_filter) for a filter SQL cannot express and
// core::error(invalid_value) for an unusable sortBy.
listing<user_row> list_users(session& s, listing_request const& request, user_relations relations = {});

// The plan PostgreSQL chooses for the page query of `request` (EXPLAIN), one line per plan
// node: for operators checking index use, and for the tests that prove it.
std::string explain_list_users(session& s, listing_request const& request);

}  // namespace scim::store
