#pragma once
// Organizations, directories (one SCIM connection each) and their bearer tokens.
// Tokens are never stored: only a SHA-256 hash of their secret part.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scim::store {

class session;  // scim/store/database.hpp

struct organization_row {
    std::string id;
    std::string name;
};

// A directory's own rate limit (schemas/sql/021_rate_limits.sql, docs/rate-limits.md).
struct directory_rate_limit {
    std::string source = "default";  // "default" (the server's), "directory" (the numbers below) or "off"
    double per_second = 0;           // "directory" only
    std::int64_t burst = 0;          // "directory" only
};

struct directory_row {
    std::string id;
    std::string organization_id;
    std::string name;
    bool paused = false;
    directory_rate_limit rate_limit;
};

// How a directory's SCIM requests are answered (schemas/sql/005_directory_settings.sql).
struct directory_settings {
    std::string patch_response = "default";  // "default", "minimal" or "representation"
    bool paused = false;                     // SCIM writes answer 503 while paused
    std::string organization_id;             // the organization the directory provisions
    directory_rate_limit rate_limit;         // what each request is charged against
};

struct token_row {
    std::string id;
    std::string directory_id;
    std::string secret_hash;       // raw 32-byte SHA-256 digest
    directory_settings directory;  // the settings of the token's directory, read with it
};

organization_row find_or_create_organization(session& s, std::string const& name);
directory_row find_or_create_directory(session& s, std::string const& organization_id, std::string const& name);
std::optional<directory_row> find_directory(session& s, std::string const& directory_id);

// How the directory's PATCH requests are answered: "default", "minimal" or "representation"
// (the table's CHECK refuses anything else; `scimd bootstrap` checks its option first).
void set_patch_response(session& s, std::string const& directory_id, std::string const& patch_response);

void insert_token(session& s, token_row const& token);
// A new bearer token for the directory (core/bearer_tokens.hpp), stored hashed; returned once.
std::string issue_directory_token(session& s, std::string const& directory_id);
// An unrevoked token by id, or nothing.
std::optional<token_row> find_active_token(session& s, std::string const& token_id);

// The organization's directories, by name.
std::vector<directory_row> list_directories(session& s, std::string const& organization_id);
// Creates a directory; nothing when the organization has one of that name.
std::optional<directory_row> create_directory(session& s, std::string const& organization_id, std::string const& name);
// Pauses or resumes a directory of the organization; false when it has no such directory.
bool set_directory_paused(session& s, std::string const& organization_id, std::string const& directory_id, bool paused);

// Sets the directory's rate limit; false when the organization has no such directory. The
// table's CHECK refuses a "directory" limit without positive numbers.
bool set_directory_rate_limit(session& s, std::string const& organization_id, std::string const& directory_id,
                              directory_rate_limit const& limit);

struct token_info {
    std::string id;
    std::string created;                    // RFC 3339
    std::optional<std::string> revoked_at;  // RFC 3339
};
std::vector<token_info> list_tokens(session& s, std::string const& directory_id);
// Revokes one token of the directory; false when it has no such unrevoked token.
bool revoke_token(session& s, std::string const& directory_id, std::string const& token_id);

}  // namespace scim::store
