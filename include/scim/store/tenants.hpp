#pragma once
// Organizations, directories (one SCIM connection each) and their bearer tokens.
// Tokens are never stored: only a SHA-256 hash of their secret part.

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace scim::store {

struct organization_row {
    std::string id;
    std::string name;
};

struct directory_row {
    std::string id;
    std::string organization_id;
    std::string name;
    bool paused = false;
};

// How a directory's SCIM requests are answered (schemas/sql/005_directory_settings.sql).
struct directory_settings {
    std::string patch_response = "default";  // "default", "minimal" or "representation"
};

struct token_row {
    std::string id;
    std::string directory_id;
    std::string secret_hash;  // raw 32-byte SHA-256 digest
    directory_settings directory;  // the settings of the token's directory, read with it
};

// An organization admin token (schemas/sql/007_admin_tokens.sql).
struct admin_token_row {
    std::string id;
    std::string organization_id;
    std::string secret_hash;  // raw 32-byte SHA-256 digest
};

organization_row find_or_create_organization(soci::session& s, std::string const& name);
directory_row find_or_create_directory(soci::session& s, std::string const& organization_id,
                                       std::string const& name);
std::optional<directory_row> find_directory(soci::session& s, std::string const& directory_id);

// Throws core::error(invalid_value) for a patch_response that is not one of the three.
void set_directory_settings(soci::session& s, std::string const& directory_id, directory_settings const& settings);

void insert_token(soci::session& s, token_row const& token);
// An unrevoked token by id, or nothing.
std::optional<token_row> find_active_token(soci::session& s, std::string const& token_id);

void insert_admin_token(soci::session& s, admin_token_row const& token);
std::optional<admin_token_row> find_active_admin_token(soci::session& s, std::string const& token_id);

}  // namespace scim::store
