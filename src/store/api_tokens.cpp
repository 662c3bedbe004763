#include "scim/store/api_tokens.hpp"

#include "identifiers.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

// The RFC 3339 renderings are named apart from their columns (created_at, not created): an
// output column named "created" would be what "ORDER BY created" sorts on, text instead of
// the timestamp.
constexpr char const* token_columns =
    "id, label, " SCIMD_SQL_RFC3339("created") " AS created_at, " SCIMD_SQL_RFC3339("last_used") " AS last_used_at, "
    SCIMD_SQL_RFC3339("expires") " AS expires_at, " SCIMD_SQL_RFC3339("revoked_at") " AS revoked_at";

api_token_row to_token(sql_row const& r) {
    return {r.text("id"),
            r.text("label"),
            r.text("created_at"),
            r.nullable_text("last_used_at"),
            r.nullable_text("expires_at"),
            r.nullable_text("revoked_at")};
}

}  // namespace

std::optional<issued_api_token> issue_api_token(session& s, std::string const& email, std::string const& label,
                                                std::optional<int> expires_in_days) {
    issued_api_token out;
    sql_text account("SELECT id::text AS id FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(");
    account.bind(email) << " AS text) COLLATE \"und-x-icu\") AND lifecycle <> 'deleted'";
    auto const found = s.run(account);
    if (found.empty()) return std::nullopt;
    out.account_id = found.front().text("id");
    auto const minted = core::mint_token(core::api_token_prefix);
    out.token = minted.token;
    sql_text sql;
    sql << "INSERT INTO api_tokens (id, account_id, label, secret_hash, expires) VALUES (";
    sql.bind(minted.id) << ", CAST(";
    sql.bind(out.account_id) << " AS uuid), ";
    sql.bind(label) << ", CAST(";
    sql.bind(to_bytea_hex(minted.secret_hash)) << " AS bytea), ";
    if (expires_in_days) {
        sql << "now() + make_interval(days => CAST(";
        sql.bind_number(*expires_in_days) << " AS int))";
    } else {
        sql << "NULL";
    }
    sql << ") RETURNING " << token_columns;
    for (auto const& r : s.run(sql)) out.row = to_token(r);
    return out;
}

std::vector<api_token_row> list_api_tokens(session& s, std::string const& account_id) {
    std::vector<api_token_row> out;
    if (!is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT " << token_columns << " FROM api_tokens WHERE account_id = CAST(";
    sql.bind(account_id) << " AS uuid) ORDER BY created DESC, id";
    for (auto const& r : s.run(sql)) out.push_back(to_token(r));
    return out;
}

bool revoke_api_token(session& s, std::string const& account_id, std::string const& token_id) {
    if (!is_uuid(account_id)) return false;
    sql_text sql;
    sql << "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE account_id = CAST(";
    sql.bind(account_id) << " AS uuid) AND id = ";
    sql.bind(token_id);
    return s.run(sql).affected_rows() > 0;
}

}  // namespace scim::store
