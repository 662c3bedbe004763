#include "scim/store/console_sessions.hpp"

#include "identifiers.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

constexpr char const* usable_session =
    "cs.ended IS NULL AND cs.expires > now() AND t.revoked_at IS NULL AND (t.expires IS NULL OR t.expires > now())";

console_session_row to_row(sql_row const& r) {
    return {r.text("id"),
            from_hex(r.text("secret_hash")),
            r.text("admin_token_id"),
            r.text("organization_id"),
            r.text("organization_name"),
            r.text("label"),
            r.text("expires_at")};
}

constexpr char const* session_columns =
    "cs.id, encode(cs.secret_hash, 'hex') AS secret_hash, cs.admin_token_id, cs.organization_id::text AS "
    "organization_id, (SELECT o.name FROM organizations o WHERE o.id = cs.organization_id) AS organization_name, "
    "t.label, " SCIMD_SQL_RFC3339("cs.expires") " AS expires_at";

}  // namespace

std::optional<console_session_row> start_console_session(session& s, std::string const& id,
                                                         std::string const& secret_hash,
                                                         std::string const& admin_token_id,
                                                         std::string const& organization_id, long long seconds) {
    if (!is_uuid(organization_id)) return std::nullopt;
    sql_text sql;
    // The token is checked usable in the statement that starts the session.
    sql << "WITH cs AS (INSERT INTO console_sessions (id, secret_hash, admin_token_id, organization_id, expires) "
           "SELECT ";
    sql.bind(id) << ", CAST(";
    sql.bind(to_bytea_hex(secret_hash)) << " AS bytea), t.id, t.organization_id, now() + CAST(";
    sql.bind(std::to_string(seconds)) << " AS bigint) * interval '1 second' FROM admin_tokens t WHERE t.id = ";
    sql.bind(admin_token_id) << " AND t.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) AND t.revoked_at IS NULL AND (t.expires IS NULL OR t.expires > now()) "
                                 "RETURNING *) SELECT "
                              << session_columns << " FROM cs JOIN admin_tokens t ON t.id = cs.admin_token_id";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_row(rows.front());
}

std::optional<console_session_row> find_usable_console_session(session& s, std::string const& id) {
    sql_text sql;
    sql << "SELECT " << session_columns
        << " FROM console_sessions cs JOIN admin_tokens t ON t.id = cs.admin_token_id WHERE cs.id = ";
    sql.bind(id) << " AND " << usable_session;
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_row(rows.front());
}

void end_console_session(session& s, std::string const& id) {
    sql_text sql("UPDATE console_sessions SET ended = coalesce(ended, now()) WHERE id = ");
    sql.bind(id);
    s.run(sql);
}

long long erase_console_sessions_over(session& s) {
    sql_text sql(
        "DELETE FROM console_sessions WHERE expires < now() - interval '1 day' "
        "OR ended < now() - interval '1 day'");
    return s.run(sql).affected_rows();
}

}  // namespace scim::store
