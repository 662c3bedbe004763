#pragma once
// The rows of the two CSV exports (DOMAIN.md "Admin API"), read in batches from one snapshot
// so that an export of any size needs the memory of one batch (store/batch_cursor.hpp). Each
// reader holds the database connection it is opened on until its last batch has been read or
// it is destroyed.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/accounts.hpp"
#include "scim/domain/policies.hpp"

namespace scim::store {

class batch_cursor;
class lease;

// One managed account of the managed accounts export.
struct managed_export_row {
    std::optional<std::string> name;  // display name
    std::optional<std::string> email;
    std::optional<std::string> last_active;  // RFC 3339
    domain::lifecycle lifecycle = domain::lifecycle::active;
    domain::policy_settings policy;  // the account's policy (its assignment or the default)
    bool two_step_enrolled = false;
    // Product → the names of the sites where the account reaches it (an active or invited
    // membership with the product granted directly or through a group), by name.
    std::map<std::string, std::vector<std::string>> sites_by_product;
};

class managed_accounts_export {
public:
    // The export of the organization's managed accounts on `connection`, holding one of the
    // `places` export places of all scimd processes sharing the database until it ends
    // (core::error(service_unavailable) when none is free); nothing (the connection given back)
    // when `organization_id` names no organization.
    static std::unique_ptr<managed_accounts_export> open(lease connection, std::string const& organization_id,
                                                         std::size_t places);
    ~managed_accounts_export();
    managed_accounts_export(managed_accounts_export const&) = delete;
    managed_accounts_export& operator=(managed_accounts_export const&) = delete;
    // Every product the organization's sites offer, sorted: one column each.
    std::vector<std::string> const& products() const noexcept { return products_; }
    // The next accounts by email, at most `batch_rows`; none when the export is complete.
    std::vector<managed_export_row> next_batch(std::size_t batch_rows);

private:
    explicit managed_accounts_export(std::unique_ptr<batch_cursor> cursor);
    std::unique_ptr<batch_cursor> cursor_;
    std::vector<std::string> products_;
};

// How a site member has one product: directly, and/or through these groups.
struct product_reach {
    bool direct = false;
    std::vector<std::string> groups;  // names
};

// One member of the site users export: one row per membership of the sites exported.
struct site_user_row {
    std::string site;  // the site's name
    std::optional<std::string> name;
    std::optional<std::string> email;
    domain::account_type type = domain::account_type::external;
    std::string status;                           // invited, active or suspended
    std::optional<std::string> last_active;       // on this site, RFC 3339
    std::map<std::string, product_reach> access;  // product → access; absent: none
    std::vector<std::string> groups;              // the organization's groups the account is in
};

class site_users_export {
public:
    // The export of the users of the sites `site_ids` (none: every site of the organization)
    // on `connection`; nothing (the connection given back) unless each of them is the
    // organization's. It holds one of the `places` export places as managed_accounts_export does.
    static std::unique_ptr<site_users_export> open(lease connection, std::string const& organization_id,
                                                   std::vector<std::string> const& site_ids, std::size_t places);
    ~site_users_export();
    site_users_export(site_users_export const&) = delete;
    site_users_export& operator=(site_users_export const&) = delete;
    // The products the sites offer, sorted, each once.
    std::vector<std::string> const& products() const noexcept { return products_; }
    // The next memberships by email, then site name; none when the export is complete.
    std::vector<site_user_row> next_batch(std::size_t batch_rows);

private:
    explicit site_users_export(std::unique_ptr<batch_cursor> cursor);
    std::unique_ptr<batch_cursor> cursor_;
    std::vector<std::string> products_;
};

}  // namespace scim::store
