#include "scim/store/tenants.hpp"

#include <soci/soci.h>

#include "identifiers.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {

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

std::string issue_directory_token(soci::session& s, std::string const& directory_id) {
    auto minted = core::mint_token(core::directory_token_prefix);
    insert_token(s, {minted.id, directory_id, minted.secret_hash, {}});
    return minted.token;
}

std::optional<token_row> find_active_token(soci::session& s, std::string const& token_id) {
    token_row row;
    std::string hex;
    int paused = 0;
    s << "SELECT t.id, t.directory_id::text, encode(t.secret_hash, 'hex'), d.patch_response, d.paused::int "
         "FROM directory_tokens t JOIN directories d ON d.id = t.directory_id "
         "WHERE t.id = :id AND t.revoked_at IS NULL",
        soci::use(token_id), soci::into(row.id), soci::into(row.directory_id), soci::into(hex),
        soci::into(row.directory.patch_response), soci::into(paused);
    row.directory.paused = paused != 0;
    if (!s.got_data()) return std::nullopt;
    row.secret_hash = from_hex(hex);
    return row;
}

std::vector<directory_row> list_directories(soci::session& s, std::string const& organization_id) {
    std::vector<directory_row> out;
    if (!is_uuid(organization_id)) return out;
    soci::rowset<soci::row> rows = (s.prepare << "SELECT id::text, organization_id::text, name, paused::int FROM directories "
                                                 "WHERE organization_id = CAST(:o AS uuid) ORDER BY name",
                                    soci::use(organization_id));
    for (auto const& r : rows) {
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<int>(3) != 0});
    }
    return out;
}

directory_row create_directory(soci::session& s, std::string const& organization_id, std::string const& name) {
    std::string id = core::random_uuid();
    long long inserted = 0;
    soci::statement st = (s.prepare << "INSERT INTO directories (id, organization_id, name) VALUES (CAST(:id AS uuid), "
                                       "CAST(:o AS uuid), :n) ON CONFLICT (organization_id, name) DO NOTHING",
                          soci::use(id), soci::use(organization_id), soci::use(name));
    st.execute(true);
    inserted = st.get_affected_rows();
    if (inserted == 0) throw core::error(core::error_type::uniqueness, "the organization already has a directory \"" + name + "\"");
    return {id, organization_id, name, false};
}

bool set_directory_paused(soci::session& s, std::string const& organization_id, std::string const& directory_id,
                          bool paused) {
    if (!is_uuid(organization_id) || !is_uuid(directory_id)) return false;
    int value = paused ? 1 : 0;
    soci::statement st = (s.prepare << "UPDATE directories SET paused = :p <> 0 WHERE id = CAST(:d AS uuid) "
                                       "AND organization_id = CAST(:o AS uuid)",
                          soci::use(value), soci::use(directory_id), soci::use(organization_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<token_info> list_tokens(soci::session& s, std::string const& directory_id) {
    std::vector<token_info> out;
    if (!is_uuid(directory_id)) return out;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, " SCIMD_SQL_RFC3339("created") ", CASE WHEN revoked_at IS NULL THEN NULL ELSE "
                      SCIMD_SQL_RFC3339("revoked_at") " END FROM directory_tokens WHERE directory_id = CAST(:d AS uuid) "
                      "ORDER BY created, id",
         soci::use(directory_id));
    for (auto const& r : rows) {
        token_info t{r.get<std::string>(0), r.get<std::string>(1), std::nullopt};
        if (r.get_indicator(2) == soci::i_ok) t.revoked_at = r.get<std::string>(2);
        out.push_back(std::move(t));
    }
    return out;
}

bool revoke_token(soci::session& s, std::string const& directory_id, std::string const& token_id) {
    if (!is_uuid(directory_id)) return false;
    soci::statement st = (s.prepare << "UPDATE directory_tokens SET revoked_at = now() WHERE id = :t "
                                       "AND directory_id = CAST(:d AS uuid) AND revoked_at IS NULL",
                          soci::use(token_id), soci::use(directory_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
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
