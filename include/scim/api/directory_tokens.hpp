#pragma once
// Bearer tokens of a directory: `scimd_<16 hex id>_<secret>`. The id finds the row; only
// SHA-256(secret) is stored, and it is compared in constant time.

#include <string>

#include "scim/http/message.hpp"
#include "scim/store/database.hpp"
#include "scim/store/tenants.hpp"

namespace soci {
class session;
}

namespace scim::api {

// Creates a token for the directory and returns it; it is shown once and never stored.
std::string issue_directory_token(soci::session& s, std::string const& directory_id);

// The request's bearer token must be valid and belong to directory_id; otherwise
// core::error(unauthorized). The same answer for every failure, so a caller learns
// nothing about which part was wrong or whether another directory exists.
// Answers the directory's settings, read with the token.
store::directory_settings authenticate_directory(store::database& db, http::request const& req,
                                                 std::string const& directory_id);

}  // namespace scim::api
