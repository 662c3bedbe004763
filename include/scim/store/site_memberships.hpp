#pragma once
// Who may use a site (the seed's "Users page", schemas/sql/008_sites.sql): memberships with
// their status, product access granted directly, and what SCIM does to an external user's
// memberships (DOMAIN.md "SCIM mapping"). The transitions themselves are domain/sites.hpp's;
// these read and write the rows. Call them with the site found as the organization's
// (store/sites.hpp find_site).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/accounts.hpp"
#include "scim/domain/sites.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

// An account about to be invited, locked.
struct invitee {
    std::string id;
    domain::lifecycle lifecycle = domain::lifecycle::active;
};

// The account `account_id` when the organization sees it (it manages it, one of its
// directories links it, or it is a member of one of its sites), deleted ones included so that
// inviting one can be refused for what it is; nothing otherwise.
std::optional<invitee> find_invitee(session& s, std::string const& organization_id, std::string const& account_id);

// The account with this address (any case), created when there is none. The organization
// claims it when it claimed the address's domain and nobody claimed the account yet (DOMAIN.md:
// accounts on a claimed domain are claimed at creation); otherwise it is an external user.
invitee find_or_create_invitee(session& s, std::string const& organization_id, std::string const& email);

struct membership {
    domain::membership_status status = domain::membership_status::invited;
    bool joined = false;  // the account has used the site
};

std::optional<membership> find_membership(session& s, std::string const& site_id, std::string const& account_id,
                                          bool for_update = false);

// Inserts nothing when the site was deleted meanwhile.
void insert_membership(session& s, std::string const& site_id, std::string const& account_id);

// An admin's suspension or restoration: the status, and no directory owns the suspension.
void set_membership_status(session& s, std::string const& site_id, std::string const& account_id,
                           domain::membership_status status);

// The site reports that the account used it: active (joined now when it was an invitation),
// last active on the site and on the account now.
void record_site_activity(session& s, std::string const& site_id, std::string const& account_id);

// Deletes the membership; its product access goes with it (by cascade), and so do the
// account's memberships of the admin-kept groups it holds through this site (the trigger of
// 016_site_removal_and_names.sql); synced groups' grants stop applying. False when there was none.
bool remove_membership(session& s, std::string const& site_id, std::string const& account_id);

// Granting a product already granted changes nothing; revoking answers whether there was a grant.
void grant_product(session& s, std::string const& site_id, std::string const& account_id, std::string const& product);
bool revoke_product(session& s, std::string const& site_id, std::string const& account_id, std::string const& product);

struct product_grant_group {
    std::string id;
    std::string display_name;
};

// One product the member has access to, and how.
struct product_access {
    std::string product;
    bool direct = false;
    std::vector<product_grant_group> groups;  // by displayName
};

struct site_user {
    std::string account_id;
    std::optional<std::string> email;
    std::optional<std::string> display_name;
    domain::account_type type = domain::account_type::external;  // for the site's organization
    domain::membership_status status = domain::membership_status::invited;
    std::string invited_at;                          // RFC 3339
    std::optional<std::string> joined_at;            // RFC 3339
    std::optional<std::string> last_active_on_site;  // RFC 3339
    std::vector<product_access> products;            // by product
};

struct site_user_page {
    std::int64_t total = 0;
    std::vector<site_user> users;  // the newest invitations first
};

// The site's users (of status `status` when given), `offset` skipped, at most `limit`, each
// with its product access, read in one query for the page.
site_user_page list_site_users(session& s, std::string const& organization_id, std::string const& site_id,
                               std::optional<domain::membership_status> status, std::int64_t offset,
                               std::int64_t limit);

std::optional<site_user> find_site_user(session& s, std::string const& organization_id, std::string const& site_id,
                                        std::string const& account_id);

// SCIM `active: false` of an external user linked by `directory_id`: its memberships of the
// directory's organization's sites become suspended by the directory. Memberships already
// suspended (by an admin, or by another directory) stay as they are and are not recorded as
// this directory's.
void suspend_for_directory(session& s, std::string const& directory_id, std::string const& account_id);
// SCIM `active: true`: exactly the memberships this directory suspended are restored
// (domain::apply's restore: active when joined, invited otherwise).
void restore_for_directory(session& s, std::string const& directory_id, std::string const& account_id);
// SCIM DELETE of an external user: its memberships of the organization's sites go, with what
// remove_membership takes.
void remove_for_directory(session& s, std::string const& directory_id, std::string const& account_id);

// The scimd extension's siteMemberships of SCIM users.
struct site_membership_reference {
    std::string site_id;
    std::string site_name;
    domain::membership_status status = domain::membership_status::invited;
    std::vector<std::string> products;  // direct and through groups, by name
};

// One account's memberships in the organization's sites, by site name (the seed's "Product
// access" table of a managed account's page).
std::vector<site_membership_reference> site_memberships_of_account(session& s, std::string const& organization_id,
                                                                   std::string const& account_id);

}  // namespace scim::store
