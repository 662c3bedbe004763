#pragma once
// Keys the server signs with (RFC 9865 cursors), kept in the database so that every replica
// uses the same one.

#include <string>

namespace scim::store {

class session;  // scim/store/database.hpp

// The raw bytes (32) of the secret called `name`, created from the CSPRNG on first use. Two
// replicas starting at once agree: the first insert wins and both read it back.
std::string server_secret(session& s, std::string const& name);

}  // namespace scim::store
