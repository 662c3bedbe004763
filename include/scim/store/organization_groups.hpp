#pragma once
// An organization's groups as its admins see them (DOMAIN.md "group"): both kinds in one
// place, the synced ones a directory pushes (store/scim_groups.hpp keeps them for SCIM) and the
// admin-kept ones (directory_id NULL, schemas/sql/008_sites.sql), which SCIM never shows.
// displayName is unique per organization ignoring case across both kinds.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/store/organization_group_grants.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

struct syncing_directory {
    std::string id;
    std::string name;
};

struct organization_group {
    std::string id;
    std::string display_name;
    std::optional<std::string> description;
    std::optional<syncing_directory> synced_by;  // none: kept by the admin
    std::int64_t member_count = 0;
    std::vector<product_grant> product_grants;
    std::string created;        // RFC 3339
    std::string last_modified;  // RFC 3339; follows the name and the members
};

// The new group, as its INSERT returned it (no members, no grants); nullopt when the
// organization has a group of that displayName (any case), of either kind.
std::optional<organization_group> create_admin_group(session& s, std::string const& organization_id,
                                                     std::string const& display_name,
                                                     std::optional<std::string> const& description);

// The group when it is the organization's, with its grants.
std::optional<organization_group> find_organization_group(session& s, std::string const& organization_id,
                                                          std::string const& group_id);

// What a change of a group and the listing of its members need of it: who keeps it (the sync
// lock) and its member count, without its grants.
struct organization_group_head {
    std::string id;
    std::optional<syncing_directory> synced_by;  // none: kept by the admin
    std::int64_t member_count = 0;
};
// The group's head when it is the organization's; `for_update` locks the group for the rest of
// the transaction (every change of a group or of its members or grants takes this lock first;
// the member count then stays as read until this transaction changes the members).
std::optional<organization_group_head> find_organization_group_head(session& s, std::string const& organization_id,
                                                                    std::string const& group_id, bool for_update);

struct organization_group_page {
    std::int64_t total = 0;
    std::vector<organization_group> groups;  // by displayName ignoring case, then id
};
// The organization's groups whose displayName starts with `display_name_prefix` (ignoring
// case; "" for all), `offset` skipped, at most `limit`.
organization_group_page list_organization_groups(session& s, std::string const& organization_id,
                                                 std::string const& display_name_prefix, std::int64_t offset,
                                                 std::int64_t limit);

// What an edit changes; an absent field stays as it is.
struct group_details_change {
    std::optional<std::string> display_name;
    std::optional<std::optional<std::string>> description;  // holding nullopt: cleared
};
// A new name is a new version. False when another group of the organization has the new
// displayName (any case): the statement failed, so the transaction can only roll back.
bool change_group_details(session& s, std::string const& group_id, group_details_change const& change);

// Its members and grants go with it; the accounts stay.
void delete_admin_group(session& s, std::string const& group_id);

}  // namespace scim::store
