#pragma once
// The admin console's sessions (schemas/sql/024_console_sessions.sql; docs/console.md
// "Security"): `scimdsession_<16 hex id>_<secret>`, of which only SHA-256(secret) is stored, each
// started from an admin token of its organization. A session is usable while it has not ended,
// has not expired, and its admin token is usable.

#include <optional>
#include <string>

namespace scim::store {

class session;  // scim/store/database.hpp

// What a usable session is, and what the console shows of it.
struct console_session_row {
    std::string id;
    std::string secret_hash;  // raw 32-byte SHA-256 digest
    std::string admin_token_id;
    std::string organization_id;
    std::string organization_name;  // for the console's header
    std::string token_label;
    std::string expires;  // RFC 3339
};

// A new session `id` of the admin token (usable, of `organization_id`) lasting `seconds`;
// nothing when the token is no longer usable.
std::optional<console_session_row> start_console_session(session& s, std::string const& id,
                                                         std::string const& secret_hash,
                                                         std::string const& admin_token_id,
                                                         std::string const& organization_id, long long seconds);

// The usable session `id`, or nothing (unknown, ended, expired, or its token unusable alike).
std::optional<console_session_row> find_usable_console_session(session& s, std::string const& id);

// Ends the session `id` (already ended: left as it was).
void end_console_session(session& s, std::string const& id);

// Forgets sessions that expired or ended more than a day ago; answers how many.
long long erase_console_sessions_over(session& s);

}  // namespace scim::store
