#pragma once
// Accounts through the admin API (the seed's "Managed accounts" page and account page): the
// managed accounts list (with SCIM filter syntax) and summary, one account's detail, profile
// edits under the sync lock, the lifecycle (deactivate, reactivate, delete with a grace period,
// cancel the deletion), two-step verification exclusion and password resets. Every change
// needs the organization to manage the account (domain::require_managed); the IdP-owned fields
// of a synced account, and its active state, change only through SCIM
// (domain::check_account_edit). Another organization's account is as absent as a missing one:
// core::error(not_found).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scim/protocol/list_query.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/managed_accounts.hpp"
#include "scim/store/organization_group_members.hpp"
#include "scim/store/site_memberships.hpp"

namespace scim::service {

// filter and sortBy of `query` are bound against the managed accounts' internal schema
// (protocol/managed_account_schema.hpp) by the same parser and binder as SCIM's: the same
// operators and invalidFilter errors (docs/admin-api.md "Filtering managed accounts").
store::account_page list_managed_accounts(context const& ctx, admin_request const& req,
                                          protocol::list_query const& query);

struct managed_accounts_summary {
    store::managed_summary counts;
    // The seed: "Percentage of managed accounts that are using secure login [SSO or MFA]", a
    // whole percent (domain::secure_login_percent); 0 without managed accounts.
    std::int64_t secure_login_percent = 0;
};
managed_accounts_summary summarize_managed_accounts(context const& ctx, admin_request const& req);

struct account_view {
    store::account_detail account;
    // The organization's groups it belongs to, of both kinds (admin-api.md "Groups").
    std::vector<store::account_group> groups;
    // The seed's "Product access" table: the organization's sites and what it reaches there.
    std::vector<store::site_membership_reference> site_memberships;
};
account_view show_account(context const& ctx, admin_request const& req, std::string const& account_id);

// Profile fields by their admin API names (displayName, givenName, familyName, jobTitle,
// department, organizationName, timezone, preferredLanguage, location, pictureUrl) and their new
// values (nullopt clears one), in the order given; on a synced account only those its identity
// provider does not own (domain::check_account_edit). An unverified address does not stop it:
// the verification gate guards the address (email_changes.hpp). core::error(invalid_value) for a
// name that is no profile field. Answers the account as edited.
using profile_edits = std::vector<std::pair<std::string, std::optional<std::string>>>;
store::account_detail edit_profile(context const& ctx, admin_request const& req, std::string const& account_id,
                                   profile_edits const& edits);

// The lifecycle (DOMAIN.md "Lifecycle"; the transitions are domain::apply's), each answering
// the account as changed. Whether a synced account is active is its identity provider's to say
// (domain::check_synced_lifecycle): deactivate and reactivate are refused on one, and delete
// while its directory has it active.
store::account_detail deactivate_account(context const& ctx, admin_request const& req, std::string const& account_id);
store::account_detail reactivate_account(context const& ctx, admin_request const& req, std::string const& account_id);
// pending_deletion for the grace period (config account_deletion_grace_days: 14 days), after
// which the sweep erases it (store::erase_due_accounts).
store::account_detail delete_account(context const& ctx, admin_request const& req, std::string const& account_id);
store::account_detail cancel_account_deletion(context const& ctx, admin_request const& req,
                                              std::string const& account_id);

// Excludes the account from two-step verification until `until` (RFC 3339), which must lie in
// the future, when the account's policy enforces two-step verification
// (domain::check_two_step_exclusion); none ends the exclusion.
store::account_detail exclude_from_two_step(context const& ctx, admin_request const& req, std::string const& account_id,
                                            std::optional<std::string> const& until);

void require_password_reset(context const& ctx, admin_request const& req, std::string const& account_id);

}  // namespace scim::service
