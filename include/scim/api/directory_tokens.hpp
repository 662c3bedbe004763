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


// The request's bearer token must be valid and belong to directory_id; otherwise
// core::error(unauthorized). The same answer for every failure, so a caller learns
// nothing about which part was wrong or whether another directory exists.
// Answers the directory's settings, read with the token. A write (anything but GET and
// .search) to a paused directory is core::error(service_unavailable) with Retry-After.
store::directory_settings authenticate_directory(store::database& db, http::request const& req,
                                                 std::string const& directory_id);

// authenticate_directory in its two steps, for a caller that treats a request whose token is
// valid differently from one whose token is not (the journal records the first kind only):
// the token check, then the refusal of a paused directory's writes.
store::directory_settings verify_directory_token(store::database& db, http::request const& req,
                                                 std::string const& directory_id);
void refuse_paused_writes(http::request const& req, store::directory_settings const& directory);

}  // namespace scim::api
