#pragma once
// The policy a managed account is under, as SQL shared by every reader (summary, exports,
// policies): its assignment when the assigned policy belongs to the organization managing the
// account, otherwise that organization's default. The join goes through accounts.claimed_by:
// when an account stops being managed, no policy of the former manager applies to it any more
// (DOMAIN.md "Email change": "its org-level policies stop applying").

namespace scim::store {

// Joins `p` (policies) for the account `a` (accounts); the account must be managed
// (a.claimed_by not NULL) for a row to come out.
inline constexpr char const* account_policy_join =
    "LEFT JOIN policy_accounts pa ON pa.account_id = a.id "
    "LEFT JOIN policies ap ON ap.id = pa.policy_id AND ap.organization_id = a.claimed_by "
    "JOIN policies p ON p.id = coalesce(ap.id, (SELECT d.id FROM policies d WHERE d.organization_id = a.claimed_by "
    "AND d.is_default))";

}  // namespace scim::store
