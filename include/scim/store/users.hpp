#pragma once
// SCIM User records of a directory. Queried attributes live in columns (userName,
// externalId, active); the rest of the resource is a JSONB document.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/store/accounts.hpp"

namespace soci {
class session;
}

namespace scim::store {

struct user_row {
    std::string id;
    std::string directory_id;
    std::string user_name;
    std::optional<std::string> external_id;
    bool active = true;
    std::string attributes_json;  // the resource without id, meta and schemas
    std::int64_t version = 1;
    std::string created;        // RFC 3339, UTC, millisecond precision
    std::string last_modified;  // RFC 3339, UTC, millisecond precision
    std::optional<account_facts> account;  // the linked account (accounts.hpp)
};

struct user_fields {
    std::string user_name;
    std::optional<std::string> external_id;
    bool active = true;
    std::string attributes_json;
};

// Throws core::error(uniqueness) when userName is taken in the directory (any case).
user_row insert_user(soci::session& s, std::string const& directory_id, user_fields const& fields);
std::optional<user_row> find_user(soci::session& s, std::string const& directory_id, std::string const& id);
// Locks the row for the rest of the transaction.
std::optional<user_row> find_user_for_update(soci::session& s, std::string const& directory_id,
                                             std::string const& id);
// Replaces the fields and bumps the version, provided the stored version is still
// `expected_version` (the write itself checks it: RFC 7644 §3.14 preconditions and lost
// updates both rest on it); nothing when the user does not exist or has moved on.
std::optional<user_row> update_user(soci::session& s, std::string const& directory_id, std::string const& id,
                                    user_fields const& fields, std::int64_t expected_version);
// With `expected_version`, deletes only that version.
bool delete_user(soci::session& s, std::string const& directory_id, std::string const& id,
                 std::optional<std::int64_t> expected_version = std::nullopt);

}  // namespace scim::store
