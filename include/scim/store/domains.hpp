#pragma once
// An organization's domains (schemas/sql/006_accounts.sql) and the claim of accounts that
// verifying one brings (DOMAIN.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct domain_row {
    std::string name;
    std::string state;  // "unverified" or "verified"
    std::string verification_token;
    std::optional<std::string> verified_at;  // RFC 3339
    std::string created;                     // RFC 3339
};

// Adds `name` (already normalized) with a fresh verification token; nullopt when the
// organization already has it.
std::optional<domain_row> add_domain(session& s, std::string const& organization_id, std::string const& name);
std::vector<domain_row> list_domains(session& s, std::string const& organization_id);
std::optional<domain_row> find_domain(session& s, std::string const& organization_id, std::string const& name);

// What marking a domain verified found.
struct domain_verification {
    // The domain as verified (verified_at kept from an earlier verification); none when the
    // organization has no domain of that name.
    std::optional<domain_row> domain;
    // Another organization has verified the name (one organization per verified domain, index
    // domains_verified_once): the statement failed, so the transaction can only roll back.
    bool verified_elsewhere = false;
};
domain_verification mark_domain_verified(session& s, std::string const& organization_id, std::string const& name);

// Claims every account on the domain `name` that no organization claimed (a deleted account is
// gone); answers how many.
std::int64_t claim_domain_accounts(session& s, std::string const& organization_id, std::string const& name);

// Removes the domain; the accounts claimed through it stay managed. False when there is none.
bool remove_domain(session& s, std::string const& organization_id, std::string const& name);

}  // namespace scim::store
