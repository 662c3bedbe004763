#include "scim/store/tenants.hpp"

#include <soci/soci.h>

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

// bytea travels as hex text so that no binary binding is needed.
std::string to_bytea_hex(std::string const& bytes) {
    std::string hex = "\\x";
    static constexpr char digits[] = "0123456789abcdef";
    for (unsigned char c : bytes) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    return hex;
}

std::string from_hex(std::string const& hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out += static_cast<char>((nibble(hex[i]) << 4) | nibble(hex[i + 1]));
    return out;
}

}  // namespace

organization_row find_or_create_organization(soci::session& s, std::string const& name) {
    // Insert-or-nothing first, so that two concurrent callers agree on one row.
    std::string fresh_id = core::random_uuid();
    s << "INSERT INTO organizations (id, name) VALUES (CAST(:id AS uuid), :n) ON CONFLICT ((lower(name))) DO NOTHING",
        soci::use(fresh_id), soci::use(name);
    organization_row row;
    s << "SELECT id::text, name FROM organizations WHERE lower(name) = lower(:n)", soci::use(name), soci::into(row.id),
        soci::into(row.name);
    return row;
}

directory_row find_or_create_directory(soci::session& s, std::string const& organization_id,
                                       std::string const& name) {
    std::string fresh_id = core::random_uuid();
    s << "INSERT INTO directories (id, organization_id, name) VALUES (CAST(:id AS uuid), CAST(:o AS uuid), :n) "
         "ON CONFLICT (organization_id, name) DO NOTHING",
        soci::use(fresh_id), soci::use(organization_id), soci::use(name);
    directory_row row;
    int paused = 0;
    s << "SELECT id::text, organization_id::text, name, paused::int FROM directories "
         "WHERE organization_id = CAST(:o AS uuid) AND name = :n",
        soci::use(organization_id), soci::use(name), soci::into(row.id), soci::into(row.organization_id),
        soci::into(row.name), soci::into(paused);
    row.paused = paused != 0;
    return row;
}

std::optional<directory_row> find_directory(soci::session& s, std::string const& directory_id) {
    if (!is_uuid(directory_id)) return std::nullopt;
    directory_row row;
    int paused = 0;
    s << "SELECT id::text, organization_id::text, name, paused::int FROM directories WHERE id = CAST(:id AS uuid)",
        soci::use(directory_id), soci::into(row.id), soci::into(row.organization_id), soci::into(row.name),
        soci::into(paused);
    if (!s.got_data()) return std::nullopt;
    row.paused = paused != 0;
    return row;
}

void set_directory_settings(soci::session& s, std::string const& directory_id, directory_settings const& settings) {
    auto const& value = settings.patch_response;
    if (value != "default" && value != "minimal" && value != "representation") {
        throw core::error(core::error_type::invalid_value,
                          "patch_response must be default, minimal or representation, not \"" + value + "\"");
    }
    s << "UPDATE directories SET patch_response = :p WHERE id = CAST(:id AS uuid)", soci::use(value),
        soci::use(directory_id);
}

void insert_token(soci::session& s, token_row const& token) {
    auto const hex = to_bytea_hex(token.secret_hash);
    s << "INSERT INTO directory_tokens (id, directory_id, secret_hash) VALUES (:id, CAST(:d AS uuid), CAST(:h AS bytea))",
        soci::use(token.id), soci::use(token.directory_id), soci::use(hex);
}

std::optional<token_row> find_active_token(soci::session& s, std::string const& token_id) {
    token_row row;
    std::string hex;
    s << "SELECT t.id, t.directory_id::text, encode(t.secret_hash, 'hex'), d.patch_response "
         "FROM directory_tokens t JOIN directories d ON d.id = t.directory_id "
         "WHERE t.id = :id AND t.revoked_at IS NULL",
        soci::use(token_id), soci::into(row.id), soci::into(row.directory_id), soci::into(hex),
        soci::into(row.directory.patch_response);
    if (!s.got_data()) return std::nullopt;
    row.secret_hash = from_hex(hex);
    return row;
}

void insert_admin_token(soci::session& s, admin_token_row const& token) {
    auto const hex = to_bytea_hex(token.secret_hash);
    s << "INSERT INTO admin_tokens (id, organization_id, secret_hash) VALUES (:id, CAST(:o AS uuid), CAST(:h AS bytea))",
        soci::use(token.id), soci::use(token.organization_id), soci::use(hex);
}

std::optional<admin_token_row> find_active_admin_token(soci::session& s, std::string const& token_id) {
    admin_token_row row;
    std::string hex;
    s << "SELECT id, organization_id::text, encode(secret_hash, 'hex') FROM admin_tokens WHERE id = :id AND revoked_at IS NULL",
        soci::use(token_id), soci::into(row.id), soci::into(row.organization_id), soci::into(hex);
    if (!s.got_data()) return std::nullopt;
    row.secret_hash = from_hex(hex);
    return row;
}

}  // namespace scim::store
