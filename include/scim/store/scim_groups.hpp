#pragma once
// SCIM Group records of a directory (schemas/sql/004_groups.sql). displayName and externalId
// live in columns, the rest of the resource except its members in a JSONB document; members
// are rows of their own (scim_group_members.hpp).

#include <cstdint>
#include <optional>
#include <string>

#include "scim/store/listing_query.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

struct group_row {
    std::string id;
    std::string directory_id;
    std::string display_name;
    std::optional<std::string> external_id;
    std::string attributes_json;  // the resource without id, meta, schemas and members
    std::int64_t member_count = 0;
    std::int64_t version = 1;
    std::string created;        // RFC 3339, UTC, millisecond precision
    std::string last_modified;  // RFC 3339, UTC, millisecond precision
};

struct group_fields {
    std::string display_name;
    std::optional<std::string> external_id;
    std::string attributes_json;
};

// What a write of a group did: the row as written, or why there is none.
struct group_write {
    std::optional<group_row> row;
    // DOMAIN.md: displayName is unique in the organization ignoring case, across synced and
    // admin-kept groups (index scim_groups_display_name_key), whichever directory pushed them.
    bool display_name_taken = false;
};

// No row and no clash: the directory does not exist.
group_write insert_group(session& s, std::string const& directory_id, group_fields const& fields);
std::optional<group_row> find_group(session& s, std::string const& directory_id, std::string const& id);
// Locks the row for the rest of the transaction: every change of the group or of its
// members takes this lock first, so that they apply one after the other.
std::optional<group_row> find_group_for_update(session& s, std::string const& directory_id, std::string const& id);
// Replaces the fields and bumps the version, provided the stored version is still
// `expected_version`; no row and no clash when the group does not exist or has moved on.
group_write update_group(session& s, std::string const& directory_id, std::string const& id, group_fields const& fields,
                         std::int64_t expected_version);
// With `expected_version`, deletes only that version. Its memberships go with it.
bool delete_group(session& s, std::string const& directory_id, std::string const& id,
                  std::optional<std::int64_t> expected_version = std::nullopt);

// As list_users (scim_users.hpp), for Groups.
listing<group_row> list_groups(session& s, listing_request const& request);
std::string explain_list_groups(session& s, listing_request const& request);

}  // namespace scim::store
