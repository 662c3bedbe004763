#pragma once
// An organization's domains (schemas/sql/006_accounts.sql) and the claim of accounts that
// verifying one brings (DOMAIN.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace scim::store {

struct domain_row {
    std::string name;
    std::string state;  // "unverified" or "verified"
    std::string verification_token;
    std::optional<std::string> verified_at;  // RFC 3339
    std::string created;                     // RFC 3339
};

// Adds `name` (already normalized) with a fresh verification token. Throws
// core::error(uniqueness) when the organization already has it.
domain_row add_domain(soci::session& s, std::string const& organization_id, std::string const& name);
std::vector<domain_row> list_domains(soci::session& s, std::string const& organization_id);
std::optional<domain_row> find_domain(soci::session& s, std::string const& organization_id, std::string const& name);

// Marks the domain verified and claims every account on it that no organization claimed;
// answers how many it claimed. Throws core::error(conflict) when another organization verified
// the domain.
std::int64_t verify_domain(soci::session& s, std::string const& organization_id, std::string const& name);

// Removes the domain; the accounts claimed through it stay managed. False when there is none.
bool remove_domain(soci::session& s, std::string const& organization_id, std::string const& name);

}  // namespace scim::store
