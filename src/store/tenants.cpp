#include "scim/store/tenants.hpp"

#include "identifiers.hpp"
#include "rate_limit_columns.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/crypto.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

constexpr char const* directory_columns =
    "id::text AS id, organization_id::text AS organization_id, name, paused, " SCIMD_RATE_LIMIT_COLUMNS("");

directory_row to_directory(sql_row const& r) {
    return {r.text("id"), r.text("organization_id"), r.text("name"), r.flag("paused"), read_rate_limit(r)};
}

}  // namespace

organization_row find_or_create_organization(session& s, std::string const& name) {
    // Insert-or-nothing first, so that two concurrent callers agree on one row.
    sql_text insert("INSERT INTO organizations (id, name) VALUES (CAST(");
    insert.bind(core::random_uuid()) << " AS uuid), ";
    insert.bind(name) << ") ON CONFLICT ((lower(name))) DO NOTHING";
    s.run(insert);
    sql_text select("SELECT id::text AS id, name FROM organizations WHERE lower(name) = lower(");
    select.bind(name) << ")";
    auto const r = s.run(select).front();
    return {r.text("id"), r.text("name")};
}

directory_row find_or_create_directory(session& s, std::string const& organization_id, std::string const& name) {
    sql_text insert("INSERT INTO directories (id, organization_id, name) VALUES (CAST(");
    insert.bind(core::random_uuid()) << " AS uuid), CAST(";
    insert.bind(organization_id) << " AS uuid), ";
    insert.bind(name) << ") ON CONFLICT (organization_id, name) DO NOTHING";
    s.run(insert);
    sql_text select(std::string("SELECT ") + directory_columns + " FROM directories WHERE organization_id = CAST(");
    select.bind(organization_id) << " AS uuid) AND name = ";
    select.bind(name);
    return to_directory(s.run(select).front());
}

std::optional<directory_row> find_directory(session& s, std::string const& directory_id) {
    if (!is_uuid(directory_id)) return std::nullopt;
    sql_text sql(std::string("SELECT ") + directory_columns + " FROM directories WHERE id = CAST(");
    sql.bind(directory_id) << " AS uuid)";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_directory(rows.front());
}

void set_patch_response(session& s, std::string const& directory_id, std::string const& patch_response) {
    sql_text sql("UPDATE directories SET patch_response = ");
    sql.bind(patch_response) << " WHERE id = CAST(";
    sql.bind(directory_id) << " AS uuid)";
    s.run(sql);
}

void insert_token(session& s, token_row const& token) {
    sql_text sql("INSERT INTO directory_tokens (id, directory_id, secret_hash) VALUES (");
    sql.bind(token.id) << ", CAST(";
    sql.bind(token.directory_id) << " AS uuid), CAST(";
    sql.bind(to_bytea_hex(token.secret_hash)) << " AS bytea))";
    s.run(sql);
}

std::string issue_directory_token(session& s, std::string const& directory_id) {
    auto minted = core::mint_token(core::directory_token_prefix);
    insert_token(s, {minted.id, directory_id, minted.secret_hash, {}});
    return minted.token;
}

std::optional<token_row> find_active_token(session& s, std::string const& token_id) {
    sql_text sql(
        "SELECT t.id, t.directory_id::text AS directory_id, encode(t.secret_hash, 'hex') AS secret_hash, "
        "d.patch_response, d.paused, d.organization_id::text AS organization_id, " SCIMD_RATE_LIMIT_COLUMNS("d.")
        " "
        "FROM directory_tokens t JOIN directories d ON d.id = t.directory_id "
        "WHERE t.id = ");
    sql.bind(token_id) << " AND t.revoked_at IS NULL";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    auto const r = rows.front();
    token_row row;
    row.id = r.text("id");
    row.directory_id = r.text("directory_id");
    row.secret_hash = from_hex(r.text("secret_hash"));
    row.directory.patch_response = r.text("patch_response");
    row.directory.paused = r.flag("paused");
    row.directory.organization_id = r.text("organization_id");
    row.directory.rate_limit = read_rate_limit(r);
    return row;
}

std::vector<directory_row> list_directories(session& s, std::string const& organization_id) {
    std::vector<directory_row> out;
    if (!is_uuid(organization_id)) return out;
    sql_text sql(std::string("SELECT ") + directory_columns + " FROM directories WHERE organization_id = CAST(");
    sql.bind(organization_id) << " AS uuid) ORDER BY name";
    for (auto const& r : s.run(sql)) out.push_back(to_directory(r));
    return out;
}

std::optional<directory_row> create_directory(session& s, std::string const& organization_id, std::string const& name) {
    std::string id = core::random_uuid();
    sql_text sql("INSERT INTO directories (id, organization_id, name) VALUES (CAST(");
    sql.bind(id) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), ";
    sql.bind(name) << ") ON CONFLICT (organization_id, name) DO NOTHING";
    if (s.run(sql).affected_rows() == 0) return std::nullopt;
    return directory_row{id, organization_id, name, false, {}};
}

bool set_directory_paused(session& s, std::string const& organization_id, std::string const& directory_id,
                          bool paused) {
    if (!is_uuid(organization_id) || !is_uuid(directory_id)) return false;
    sql_text sql("UPDATE directories SET paused = CAST(");
    sql.bind_flag(paused) << " AS boolean) WHERE id = CAST(";
    sql.bind(directory_id) << " AS uuid) AND organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    return s.run(sql).affected_rows() > 0;
}

bool set_directory_rate_limit(session& s, std::string const& organization_id, std::string const& directory_id,
                              directory_rate_limit const& limit) {
    if (!is_uuid(organization_id) || !is_uuid(directory_id)) return false;
    bool const own = limit.source == "directory";
    sql_text sql("UPDATE directories SET rate_limit = ");
    sql.bind(limit.source) << ", rate_limit_per_second = CAST(";
    sql.bind_nullable(own ? std::optional<std::string>(rate_text(limit.per_second)) : std::nullopt)
        << " AS double precision), rate_limit_burst = CAST(";
    sql.bind_nullable(own ? std::optional<std::string>(std::to_string(limit.burst)) : std::nullopt)
        << " AS integer) WHERE id = CAST(";
    sql.bind(directory_id) << " AS uuid) AND organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    return s.run(sql).affected_rows() > 0;
}

std::vector<token_info> list_tokens(session& s, std::string const& directory_id) {
    std::vector<token_info> out;
    if (!is_uuid(directory_id)) return out;
    // Ordered by the table's columns (t.), not by the text the SELECT list names alike.
    sql_text sql("SELECT t.id, " SCIMD_SQL_RFC3339("t.created") " AS created, " SCIMD_SQL_RFC3339(
        "t.revoked_at") " AS revoked_at FROM directory_tokens t WHERE t.directory_id = CAST(");
    sql.bind(directory_id) << " AS uuid) ORDER BY t.created, t.id";
    for (auto const& r : s.run(sql)) out.push_back({r.text("id"), r.text("created"), r.nullable_text("revoked_at")});
    return out;
}

bool revoke_token(session& s, std::string const& directory_id, std::string const& token_id) {
    if (!is_uuid(directory_id)) return false;
    sql_text sql("UPDATE directory_tokens SET revoked_at = now() WHERE id = ");
    sql.bind(token_id) << " AND directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid) AND revoked_at IS NULL";
    return s.run(sql).affected_rows() > 0;
}

}  // namespace scim::store
