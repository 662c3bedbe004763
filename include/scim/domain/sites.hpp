#pragma once
// The rules of sites and site memberships (DOMAIN.md "site", "site membership", the seed's
// "Users page"), pure: no rows, no SQL.
//
// - A membership is invited until the account first uses the site, then active; an admin
//   suspends it (product access stays configured, use is blocked) and restores it; removing
//   it deletes it.
// - Product access names a product the site offers.
// - A site is reached at a host name, kept in lower case; one site per host name.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/domain/accounts.hpp"

namespace scim::domain {

enum class membership_status { invited, active, suspended };
enum class membership_action { use, suspend, restore };

std::string_view to_string(membership_status status) noexcept;
std::optional<membership_status> parse_membership_status(std::string_view text) noexcept;

// Throws core::error(conflict) when the account cannot be invited: it is deleted (DOMAIN.md:
// the identity is gone), or it already has a membership of the site (in state `existing`):
// an invitation is for someone not on the site yet.
void check_invitation(lifecycle account, std::optional<membership_status> existing);

// The state `action` leads to from `from`; `joined` says whether the membership was ever
// used (it decides what a restore returns to). Throws core::error(conflict) naming both for
// an action the state does not allow: suspending a suspended membership, restoring one that
// is not suspended, using a suspended one.
membership_status apply(membership_status from, bool joined, membership_action action);

// Throws core::error(invalid_value) naming `product` when `offered` does not hold it.
void require_offered(std::vector<std::string> const& offered, std::string const& product);

// A product name as stored: trimmed and lower case, letters, digits, '-', '_' and '.' only;
// core::error(invalid_value) otherwise.
std::string normalize_product(std::string_view product);

// A site's URL as stored: its host name in lower case, without scheme ("https://"), port-less
// and path-less ("Acme.Example.NET/" → "acme.example.net"). Throws core::error(invalid_value)
// when what remains is not a host name of at least two labels (RFC 1123 §2.1).
std::string normalize_site_url(std::string_view url);

// A site's name trimmed; core::error(invalid_value) when empty or longer than 200 characters.
std::string normalize_site_name(std::string_view name);

}  // namespace scim::domain
