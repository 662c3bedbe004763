#pragma once
// The policy a managed account is under, as SQL shared by every reader (exports, policies; the
// summary counts the same rule by sets, managed_accounts.cpp): its assignment when the assigned
// policy belongs to the organization managing the account, otherwise that organization's default.
// The join goes through accounts.claimed_by: when an account stops being managed, no policy of the
// former manager applies to it any more (DOMAIN.md "Email change": "its org-level policies stop
// applying").

#include "scim/domain/policies.hpp"
#include "sql_result.hpp"

namespace scim::store {

// A policy's settings as columns of `p`, each with a stable name (policy_…) so that they read
// the same whichever statement selects them, and reading them back by those names.
inline constexpr char const* policy_settings_columns =
    "p.name AS policy_name, p.type AS policy_type, p.saml_sso AS policy_saml_sso, "
    "p.two_step_required AS policy_two_step_required, p.password_min_length AS policy_password_min_length, "
    "p.password_expiry_days AS policy_password_expiry_days, p.idle_session_minutes AS policy_idle_session_minutes";
domain::policy_settings read_policy_settings(sql_row const& r);

// Joins `p` (policies) for the account `a` (accounts); the account must be managed
// (a.claimed_by not NULL) for a row to come out.
inline constexpr char const* account_policy_join =
    "LEFT JOIN policy_accounts pa ON pa.account_id = a.id "
    "LEFT JOIN policies ap ON ap.id = pa.policy_id AND ap.organization_id = a.claimed_by "
    "JOIN policies p ON p.id = coalesce(ap.id, (SELECT d.id FROM policies d WHERE d.organization_id = a.claimed_by "
    "AND d.is_default))";

}  // namespace scim::store
