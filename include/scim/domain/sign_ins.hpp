#pragma once
// Sign-ins as the product's login service reports them (docs/login-hook.md), pure: which
// device identifiers and client addresses a report may carry, which accounts sign in, and the
// cursor of the sign-out feed the login service reads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scim/domain/accounts.hpp"

namespace scim::domain {

// The login service's identifier of a device: 1 to core::device_limits::device_id_bytes bytes
// of printable ASCII without space (U+0021-U+007E), so that it reads the same in JSON, CSV and
// a log, and holds nothing a person typed.
bool is_device_id(std::string_view text) noexcept;

// A client address as text: an IPv4 address in dotted-decimal form or an IPv6 address
// (RFC 4291 §2.2, zone-less), answered in its canonical text form (RFC 5952: "2001:DB8::0:1"
// becomes "2001:db8::1"); nullopt for anything else, host names included.
std::optional<std::string> canonical_address(std::string_view text);

// Only an active account signs in: a report for a deactivated account, or one pending
// deletion, means the login service let in someone it should not have. core::error(conflict)
// saying so.
void check_sign_in(lifecycle state);

// Where the sign-out feed resumes: after the sign-out `id` of transaction `txid` (PostgreSQL's
// 64-bit xid8, in decimal). Written "<txid>.<id>"; the login service keeps it as it is.
struct sign_out_cursor {
    std::uint64_t txid = 0;
    std::int64_t id = 0;
};
std::string to_string(sign_out_cursor const& cursor);
// nullopt for text that is no cursor (not two decimal numbers joined by '.', or out of range).
std::optional<sign_out_cursor> parse_sign_out_cursor(std::string_view text) noexcept;

}  // namespace scim::domain
