#pragma once
// The organization's Users page (the seed's "Users page ... lists all the accounts that are
// Active, Invited, or Suspended for the Atlassian Sites you have under your organization"):
// every account on one or more of its sites, once each, with its memberships, their product
// access and the account's groups. Call it with the sites found as the organization's
// (store/sites.hpp find_site).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/accounts.hpp"
#include "scim/domain/sites.hpp"
#include "scim/store/listing_query.hpp"
#include "scim/store/organization_group_members.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

// One of the user's memberships.
struct user_site {
    std::string site_id;
    std::string site_name;
    domain::membership_status status = domain::membership_status::invited;
    std::string invited_at;                          // RFC 3339
    std::optional<std::string> joined_at;            // RFC 3339
    std::optional<std::string> last_active_on_site;  // RFC 3339
    std::vector<product_access> products;            // by product
};

struct organization_user {
    std::string account_id;
    std::optional<std::string> email;
    std::optional<std::string> display_name;
    domain::account_type type = domain::account_type::external;  // for the organization
    // The user's status on the page, over the sites asked for: active when active on any of
    // them, else invited when invited to any, else suspended (suspended on all of them).
    domain::membership_status status = domain::membership_status::invited;
    std::vector<user_site> sites;       // the memberships of the sites asked for, by site name
    std::vector<account_group> groups;  // the organization's groups it is in, by displayName
};

struct organization_users_query {
    std::vector<std::string> site_ids;  // the organization's sites; none: all of them
    std::optional<domain::membership_status> status;
    std::int64_t offset = 0;
    std::int64_t limit = 100;
    // Where an earlier page of the same query ended (its email_key as sort_key, and account
    // id) with the write stamp it was read at: the page at that offset seeks past it while the
    // stamp has not moved (one site or none; docs/sites.md "The Users page").
    std::optional<index_resume> resume;
};

struct organization_user_page {
    // The users of the sites asked for, by status (the whole page's, whatever `status` asks):
    // they add up to the number of users, each counted once.
    std::int64_t invited = 0;
    std::int64_t active = 0;
    std::int64_t suspended = 0;
    std::int64_t total = 0;                // the users `status` selects (all of them without it)
    std::vector<organization_user> users;  // by email, then account id
    // For the next page (service/listing_memory.hpp): the write stamp of the organization's or
    // the one site's users, read with the counts (none for several sites), and the position after
    // the last user when more follow.
    std::optional<std::int64_t> stamp;
    std::optional<keyset_boundary> next_after;
};

// One page of the Users page, `offset` skipped, at most `limit`, read in one snapshot (its
// own, or the caller's transaction), so that the counts, the stamp and the page agree.
organization_user_page list_organization_users(session& s, std::string const& organization_id,
                                               organization_users_query const& query);

}  // namespace scim::store
