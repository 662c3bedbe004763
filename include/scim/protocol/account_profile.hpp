#pragma once
// What a SCIM User says about the account behind it (DOMAIN.md "SCIM mapping"): the
// attributes the identity provider owns, read from the stored resource (validation.hpp).

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "scim/domain/accounts.hpp"

namespace scim::protocol {

// email: the primary email's value, else the first email's, else userName when it is an
// address (domain::is_email_address); name parts, displayName, title, timezone,
// preferredLanguage, active; department and organization from the enterprise extension
// (RFC 7643 §4.3).
domain::account_profile account_profile_of(boost::json::object const& stored_user);

// The address a write gives the User's account — the primary email's value, else the first
// email's — must be an email address (domain::is_email_address) when the write sets or changes
// it: core::error(invalid_value) naming the value otherwise (docs/accounts.md "What SCIM does to
// accounts"). `before` is the stored User, {} for a new one. An address the User already had is
// let through, so that a User stored before this rule can still be changed and deactivated.
void check_account_address(boost::json::object const& before, boost::json::object const& after);

// The `timezone` a write sets or changes (for the caller to check against the time zone
// database, which this pure module does not hold); nullopt when it is absent or as it was.
std::optional<std::string> changed_time_zone(boost::json::object const& before, boost::json::object const& after);

}  // namespace scim::protocol
