#pragma once
// What an account's address and picture may be (DOMAIN.md "account"), pure. Each refuses a value
// the account would carry somewhere it does harm: an address no mail reaches and no sign-in
// matches, a picture URL a browser would run as script or fetch in clear.

#include <optional>
#include <string>
#include <string_view>

namespace scim::domain {

// Whether `text` can be an account's email address: one '@' between a local part and a domain of
// at least two dot-separated labels of letters, digits, hyphens or UTF-8 (RFC 6531), without
// space, control character or the RFC 5322 specials `()<>[]:;,\"`. Looser than RFC 5321's
// grammar on purpose (no 64-byte cap on the local part: the length is the input limits' to
// bound): identity providers send addresses their mail systems accept, quoted local parts
// excepted.
bool is_email_address(std::string_view text);

// Why `url` cannot be an account's picture (words for an error detail), nullopt when it can: an
// absolute https URL with a host (RFC 3986 §3: `https://host[:port][/path][?query][#fragment]`),
// no user information, no space, quote, backslash or angle bracket. Not http: the picture is
// shown on pages served over HTTPS, where a browser blocks or warns about a cleartext image,
// and a cleartext fetch tells the network who looks at whose profile. Not javascript:, data: or
// any other scheme.
std::optional<std::string> picture_url_problem(std::string_view url);

}  // namespace scim::domain
