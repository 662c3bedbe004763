#pragma once
// An organization's authentication policies (schemas/sql/011_policies.sql) and which policy
// each managed account is under. Every reader joins assignments through accounts.claimed_by,
// so a policy never applies to an account the organization does not manage (DOMAIN.md).

#include <optional>
#include <string>
#include <vector>

#include "scim/domain/policies.hpp"

namespace scim::store {

class session;  // scim/store/database.hpp

struct policy_row {
    std::string id;
    bool is_default = false;
    domain::policy_settings settings;
    std::string created;  // RFC 3339
};

// The organization's policies, the default first, then by name.
std::vector<policy_row> list_policies(session& s, std::string const& organization_id);

// The policy if it belongs to the organization; `for_update` locks it.
std::optional<policy_row> find_policy(session& s, std::string const& organization_id, std::string const& policy_id,
                                      bool for_update = false);

// The new policy; nothing (and nothing written) when the organization has a policy of that
// name, any case.
std::optional<policy_row> create_policy(session& s, std::string const& organization_id,
                                        domain::policy_settings const& settings);

// Writes every setting of the policy; false (nothing written) when another policy of its
// organization has that name, any case.
bool update_policy(session& s, std::string const& policy_id, domain::policy_settings const& settings);

// The policy assigned to the account, if any (none: the organization's default applies).
std::optional<std::string> assigned_policy(session& s, std::string const& account_id);

// Puts the account under the policy (replacing any earlier assignment).
void assign_policy(session& s, std::string const& account_id, std::string const& policy_id);

}  // namespace scim::store
