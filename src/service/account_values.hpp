#pragma once
// What the values an account takes from a directory or an admin must be, where checking needs
// the database: the time zone (store::is_known_time_zone). The pure rules are domain/'s
// (profile_values.hpp) and protocol/'s (account_profile.hpp).

#include <string>

#include <boost/json/object.hpp>

namespace scim::store {
class session;
}

namespace scim::service {

// core::error(invalid_value) naming `field` when `zone` is not a zone of the IANA time zone
// database (RFC 7643 §4.1.1: "in IANA Time Zone database format").
void check_time_zone(store::session& s, std::string const& field, std::string const& zone);

// A directory's write of a User, `before` the stored User ({} for a new one) and `after` what it
// becomes: its account's address (protocol::check_account_address) and its timezone, when the
// write sets or changes them. core::error(invalid_value) naming the value otherwise.
void check_account_values(store::session& s, boost::json::object const& before, boost::json::object const& after);

}  // namespace scim::service
