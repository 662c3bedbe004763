#pragma once
// What a SCIM User says about the account behind it (DOMAIN.md "SCIM mapping"): the
// attributes the identity provider owns, read from the stored resource (validation.hpp).

#include <boost/json/object.hpp>

#include "scim/domain/accounts.hpp"

namespace scim::protocol {

// email: the primary email's value, else the first email's, else userName when it is an
// address; name parts, displayName, title, timezone, preferredLanguage, active; department and
// organization from the enterprise extension (RFC 7643 §4.3).
domain::account_profile account_profile_of(boost::json::object const& stored_user);

}  // namespace scim::protocol
