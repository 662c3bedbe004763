#pragma once
// Verified domains (DOMAIN.md): an organization proves it owns a domain by publishing a DNS TXT
// record that carries the domain's verification token; then it may claim the accounts on it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scim::domain {

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
