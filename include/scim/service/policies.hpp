#pragma once
// Authentication policies through the admin API: create, list, show and edit an
// organization's policies, and put a managed account under one. An account without an
// assignment is under the organization's default policy, which every organization has from
// its creation (schemas/sql/011_policies.sql). Only managed accounts get a policy: a policy
// is an organization-level setting, which DOMAIN.md lets an organization apply only to the
// accounts it manages (domain::require_managed).

#include <optional>
#include <string>
#include <vector>

#include "scim/domain/policies.hpp"
#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/policies.hpp"

namespace scim::service {

// The settings a request names; the others stay as they are (a new policy: the defaults of
// domain::policy_settings).
struct policy_changes {
    std::optional<std::string> name;
    std::optional<domain::policy_type> type;
    std::optional<bool> saml_sso;
    std::optional<bool> two_step_required;
    std::optional<int> password_min_length;
    std::optional<std::optional<int>> password_expiry_days;  // an empty inner value: never expire
    std::optional<int> idle_session_minutes;
};

// core::error(invalid_value) for settings out of bounds (domain::validate),
// core::error(uniqueness) for a name the organization uses already (any case).
store::policy_row create_policy(context const& ctx, admin_request const& req, policy_changes const& settings);

// The default first, then by name.
std::vector<store::policy_row> list_policies(context const& ctx, admin_request const& req);

// core::error(not_found) for a policy that is not the organization's.
store::policy_row show_policy(context const& ctx, admin_request const& req, std::string const& policy_id);

// The policy with `changes` applied, under the same rules as create_policy.
store::policy_row edit_policy(context const& ctx, admin_request const& req, std::string const& policy_id,
                              policy_changes const& changes);

// Puts the managed account under the policy (replacing any earlier assignment); answers the
// policy.
store::policy_row assign_policy(context const& ctx, admin_request const& req, std::string const& policy_id,
                                std::string const& account_id);

}  // namespace scim::service
