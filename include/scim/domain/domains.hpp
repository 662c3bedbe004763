#pragma once
// Domains of an organization (DOMAIN.md "Managed vs external"): unverified → verified → claimed.
// An organization proves it owns a domain by publishing a DNS TXT record that carries the
// domain's verification token (verified); then an admin claims the accounts on it (claimed),
// and from then on the accounts that appear on it are claimed as they appear. Until the claim,
// the accounts on a verified domain are external users of the organization.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scim::domain {

enum class domain_state { unverified, verified, claimed };
std::string_view to_string(domain_state state) noexcept;
std::optional<domain_state> parse_domain_state(std::string_view text) noexcept;

// Whether the organization proved it owns the domain: verified, claimed or not.
bool is_verified(domain_state state) noexcept;

// A claim needs a verified domain: core::error(conflict) naming `domain_name` and saying to
// verify it first when it is unverified. Claiming a claimed domain again is allowed (it takes the
// accounts on it that are still unclaimed, none as a rule).
void check_claim(domain_state state, std::string const& domain_name);

// A domain name as stored: lower-case, dot-separated labels of letters, digits and hyphens
// (RFC 1035 §2.3.1, no label starting or ending with a hyphen), at least two labels, at most
// 253 characters; a trailing dot is dropped. nullopt for anything else.
std::optional<std::string> normalize_domain_name(std::string_view name);

// Where the TXT record goes and what it says.
std::string verification_record_name(std::string const& domain_name);
std::string verification_record_value(std::string const& token);

// Whether one of the TXT strings found is the record for `token` (surrounding spaces ignored).
bool proves_ownership(std::vector<std::string> const& txt_records, std::string const& token);

}  // namespace scim::domain
