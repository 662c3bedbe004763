#pragma once
// An organization's domains (schemas/sql/006_accounts.sql, 015_domain_claim.sql) and the
// accounts on them that claiming one takes and removing one releases (DOMAIN.md "Managed vs
// external").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct domain_row {
    std::string name;
    std::string state;  // "unverified", "verified" or "claimed" (domain::parse_domain_state)
    std::string verification_token;
    std::optional<std::string> verified_at;  // RFC 3339; kept once claimed
    std::optional<std::string> claimed_at;   // RFC 3339
    std::string created;                     // RFC 3339
    // The accounts (not deleted) whose address is on the domain: claimed by no organization —
    // what claiming it would take — and managed by this organization — what removing it
    // releases. Counted for a domain the organization verified only: of anyone else's domain,
    // the number of accounts is not the organization's to learn.
    std::optional<std::int64_t> unclaimed_accounts;
    std::optional<std::int64_t> managed_accounts;
};

// Adds `name` (already normalized) with a fresh verification token; nullopt when the
// organization already has it.
std::optional<domain_row> add_domain(session& s, std::string const& organization_id, std::string const& name);
std::vector<domain_row> list_domains(session& s, std::string const& organization_id);
// With `for_update`, the row stays locked until the transaction ends: a claim or a removal runs
// alone on the domain, and an account created on it meanwhile waits (store/account_links.cpp).
std::optional<domain_row> find_domain(session& s, std::string const& organization_id, std::string const& name,
                                      bool for_update = false);

// What marking a domain verified found.
struct domain_verification {
    // The domain as verified (verified_at kept from an earlier verification; a claimed domain
    // stays claimed); none when the organization has no domain of that name.
    std::optional<domain_row> domain;
    // Another organization has verified the name (one organization per verified domain, index
    // domains_verified_once): the statement failed, so the transaction can only roll back.
    bool verified_elsewhere = false;
};
domain_verification mark_domain_verified(session& s, std::string const& organization_id, std::string const& name);

// Claims every account on the domain `name` that no organization claimed (a deleted account is
// gone); answers how many.
std::int64_t claim_domain_accounts(session& s, std::string const& organization_id, std::string const& name);

// Marks the verified domain claimed (claimed_at kept from an earlier claim) and answers it;
// nullopt when the organization has no verified domain of that name.
std::optional<domain_row> mark_domain_claimed(session& s, std::string const& organization_id, std::string const& name);

// The accounts the organization manages on the domain `name` become external users of it;
// answers how many.
std::int64_t release_domain_accounts(session& s, std::string const& organization_id, std::string const& name);

// Removes the domain (release_domain_accounts first). False when there is none.
bool remove_domain(session& s, std::string const& organization_id, std::string const& name);

}  // namespace scim::store
