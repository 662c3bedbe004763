#pragma once
// Domains of an organization (DOMAIN.md "domain"; the seed's "Verify a domain to manage
// accounts"): add one and get the DNS TXT record to publish, verify it once published, claim the
// accounts on it, list, show, remove. Names arrive as the admin gave them and are
// normalized here (domain::normalize_domain_name; core::error(invalid_value) for one that is no
// domain name); a domain the organization does not have is core::error(not_found).

#include <cstdint>
#include <string>
#include <vector>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/domains.hpp"

namespace scim::service {

// The new, unverified domain with its verification token; core::error(uniqueness) when the
// organization already has it.
store::domain_row add_domain(context const& ctx, admin_request const& req, std::string const& name);

// The organization's domains by name.
std::vector<store::domain_row> list_domains(context const& ctx, admin_request const& req);

store::domain_row show_domain(context const& ctx, admin_request const& req, std::string const& name);

// Looks the TXT record up now (core::error(conflict) when it is not there yet,
// core::error(service_unavailable) when no name server answers); the database is written only
// once the record is there: the domain becomes verified, and a claimed domain stays claimed.
// Verifying claims no account. core::error(conflict) when another organization verified the
// domain first.
store::domain_row verify_domain(context const& ctx, admin_request const& req, std::string const& name);

// The claim: every account on the verified domain that no organization claimed becomes the
// organization's managed account, and the domain is claimed, so that accounts appearing on it
// later are claimed as they appear. Claiming again takes the accounts still unclaimed.
// core::error(conflict) when the domain is not verified (domain::check_claim).
struct claimed_domain {
    store::domain_row domain;
    std::int64_t claimed_accounts = 0;
};
claimed_domain claim_domain(context const& ctx, admin_request const& req, std::string const& name);

// Removes the domain. The accounts the organization manages on it become external users: an
// organization manages only accounts on domains it verified (DOMAIN.md).
void remove_domain(context const& ctx, admin_request const& req, std::string const& name);

}  // namespace scim::service
