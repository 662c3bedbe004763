#pragma once
// Accounts as an organization's admins see them (the seed's "Managed accounts" page): one
// account's detail, the list of managed accounts, lifecycle changes, profile edits and the
// summary figures.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scim/domain/accounts.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/store/listing_query.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

struct account_detail {
    std::string id;
    std::optional<std::string> email;
    std::optional<std::string> pending_email;  // a new address waiting for confirmation
    // Admin-kept profile fields no identity provider pushes (the seed's "location", the picture).
    std::optional<std::string> location;
    std::optional<std::string> picture_url;
    bool password_reset_required = false;                        // until the owner sets a new password
    domain::account_profile profile;                             // profile.active mirrors the lifecycle
    domain::account_type type = domain::account_type::external;  // for the organization asking
    domain::lifecycle lifecycle = domain::lifecycle::active;
    std::optional<std::string> deletion_due_at;  // RFC 3339
    std::optional<std::string> synced_by_directory_id;
    std::optional<std::string> synced_by_directory_name;  // for the sync lock's message
    bool email_verified = false;
    bool two_step_enrolled = false;
    std::optional<std::string> two_step_excluded_until;  // RFC 3339
    std::optional<std::string> last_active;              // RFC 3339
    std::string created;                                 // RFC 3339
};

// The account as `organization_id` sees it: managed by it, or linked to one of its
// directories (an external user); nothing for an account it has no relation with, so that an
// organization learns nothing of others' accounts. `for_update` locks the row.
std::optional<account_detail> find_account(session& s, std::string const& organization_id,
                                           std::string const& account_id, bool for_update = false);

// A product a managed account reaches on its organization's sites, and where (the seed's
// "Product Access of your managed accounts"): the sites where an active or invited membership
// has it, directly or through a group — as the managed accounts export counts it.
struct reached_product {
    struct site {
        std::string id;
        std::string name;
    };
    std::string product;
    std::vector<site> sites;  // by name
};

struct account_page {
    std::int64_t total = 0;
    std::vector<account_detail> accounts;
    // The products each of `accounts` reaches, by account id, by product; absent: none.
    std::map<std::string, std::vector<reached_product>> product_access;
    // What the next page of the same listing may reuse (service/listing_memory.hpp): the write
    // stamp read with the total (listing_query.hpp), whether rows follow, and the position
    // after the last row.
    std::optional<std::int64_t> stamp;
    bool more = false;
    std::optional<keyset_boundary> next_after;
};
// Which managed accounts, in what order: `filter` and `sort_by` are bound against
// protocol::managed_account_type() (docs/admin-api.md "Filtering managed accounts").
struct managed_accounts_query {
    protocol::bound_filter const* filter = nullptr;
    protocol::bound_path const* sort_by = nullptr;  // none: by email, then id
    bool descending = false;
    std::int64_t offset = 0;
    std::int64_t limit = 100;
    // What an earlier page of the same listing left: where it ended (without a filter), or its
    // count (with one), each valid while the organization's write stamp has not moved.
    std::optional<index_resume> resume;
    std::optional<known_total> counted;
};
// The organization's managed accounts that match, `offset` skipped, at most `limit`.
account_page list_managed_accounts(session& s, std::string const& organization_id, managed_accounts_query const& query);

// The plan PostgreSQL chooses for the page query of `query` (EXPLAIN), one line per plan node:
// for operators checking index use, and for the tests that prove it.
std::string explain_list_managed_accounts(session& s, std::string const& organization_id,
                                          managed_accounts_query const& query);

// Sets the lifecycle; `deletion_due_in_days` for pending_deletion. Answers the deletion's due
// date (RFC 3339) as written: none unless pending_deletion.
std::optional<std::string> set_lifecycle(session& s, std::string const& account_id, domain::lifecycle state,
                                         int deletion_due_in_days = 0);

// The profile fields an admin may write (DOMAIN.md "account"), each a column of accounts.
enum class profile_field {
    display_name,
    given_name,
    family_name,
    job_title,
    department,
    organization_name,
    timezone,
    preferred_language,
    location,
    picture_url,
};

// Writes the given profile fields (nullopt clears one), as given.
void update_profile(session& s, std::string const& account_id,
                    std::vector<std::pair<profile_field, std::optional<std::string>>> const& fields);

// Answers the exclusion's end (RFC 3339) as written; none when `until` is none.
std::optional<std::string> set_two_step_exclusion(session& s, std::string const& account_id,
                                                  std::optional<std::string> const& until);
void require_password_reset(session& s, std::string const& account_id);

// Ends the grace period of every account whose deletion is due: deleted, personal data erased,
// its SCIM records, verification messages, devices and their sign-outs removed, its API
// tokens revoked. Answers how many accounts it erased.
std::int64_t erase_due_accounts(session& s);

struct managed_summary {
    std::int64_t total = 0;
    std::int64_t deactivated = 0;   // deactivated or pending deletion
    std::int64_t secure_login = 0;  // under a SAML SSO policy or enrolled in two-step verification
    std::int64_t sso = 0;           // under a SAML single sign-on policy
};
managed_summary summarize_managed_accounts(session& s, std::string const& organization_id);

}  // namespace scim::store
