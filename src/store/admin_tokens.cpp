#include "scim/store/admin_tokens.hpp"

#include "identifiers.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

// The RFC 3339 renderings are named apart from their columns, as in api_tokens.cpp: an output
// column named "created" would be what "ORDER BY created" sorts on, text instead of the time.
constexpr char const* token_columns =
    "id, label, " SCIMD_SQL_RFC3339("created") " AS created_at, " SCIMD_SQL_RFC3339("expires") " AS expires_at, "
    SCIMD_SQL_RFC3339("last_used") " AS last_used_at, " SCIMD_SQL_RFC3339("revoked_at") " AS revoked_at, "
    "(revoked_at IS NULL AND (expires IS NULL OR expires > now())) AS usable";

constexpr char const* usable = "revoked_at IS NULL AND (expires IS NULL OR expires > now())";

admin_token_info to_info(sql_row const& r) {
    return {r.text("id"),
            r.text("label"),
            r.text("created_at"),
            r.nullable_text("expires_at"),
            r.nullable_text("last_used_at"),
            r.nullable_text("revoked_at"),
            r.flag("usable")};
}

}  // namespace

std::optional<minted_admin_token> mint_admin_token(session& s, std::string const& organization_id,
                                                   std::string const& label,
                                                   std::optional<std::string> const& expires) {
    if (!is_uuid(organization_id)) return std::nullopt;
    auto const minted = core::mint_token(core::admin_token_prefix);
    sql_text sql;
    // The expiry is compared with the transaction's now(), in the statement that stores it.
    sql << "INSERT INTO admin_tokens (id, organization_id, secret_hash, label, expires) SELECT ";
    sql.bind(minted.id) << ", CAST(";
    sql.bind(organization_id) << " AS uuid), CAST(";
    sql.bind(to_bytea_hex(minted.secret_hash)) << " AS bytea), ";
    sql.bind(label) << ", e.expires FROM (SELECT CAST(";
    sql.bind_nullable(expires) << " AS timestamptz) AS expires) e WHERE e.expires IS NULL OR e.expires > now() "
                                  "RETURNING "
                               << token_columns;
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return minted_admin_token{organization_id, to_info(rows.front()), minted.token};
}

std::optional<admin_token_secret> find_usable_admin_token(session& s, std::string const& token_id) {
    sql_text sql;
    sql << "SELECT id, organization_id::text AS organization_id, encode(secret_hash, 'hex') AS secret_hash, "
           "(last_used IS NULL OR last_used < now() - interval '1 minute') AS last_use_stale "
           "FROM admin_tokens WHERE id = ";
    sql.bind(token_id) << " AND " << usable;
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    auto const r = rows.front();
    return admin_token_secret{r.text("id"), r.text("organization_id"), from_hex(r.text("secret_hash")),
                              r.flag("last_use_stale")};
}

void note_admin_token_use(session& s, std::string const& token_id) {
    sql_text sql("UPDATE admin_tokens SET last_used = now() WHERE id = ");
    sql.bind(token_id);
    s.run(sql);
}

std::vector<admin_token_info> list_admin_tokens(session& s, std::string const& organization_id, bool for_update) {
    std::vector<admin_token_info> out;
    if (!is_uuid(organization_id)) return out;
    sql_text sql;
    sql << "SELECT " << token_columns << " FROM admin_tokens WHERE organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) ORDER BY admin_tokens.created DESC, id"
                              << (for_update ? " FOR UPDATE" : "");
    for (auto const& r : s.run(sql)) out.push_back(to_info(r));
    return out;
}

std::optional<admin_token_info> revoke_admin_token(session& s, std::string const& organization_id,
                                                   std::string const& token_id) {
    if (!is_uuid(organization_id)) return std::nullopt;
    sql_text sql("UPDATE admin_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = ");
    sql.bind(token_id) << " AND organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) RETURNING " << token_columns;
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return to_info(rows.front());
}

}  // namespace scim::store
