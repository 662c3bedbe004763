#include "scim/store/api_tokens.hpp"

#include <soci/soci.h>

#include "identifiers.hpp"
#include "row_values.hpp"
#include "statements.hpp"
#include "scim/core/bearer_tokens.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

constexpr char const* token_columns =
    "id, label, " SCIMD_SQL_RFC3339("created") ", " SCIMD_SQL_RFC3339("last_used") ", " SCIMD_SQL_RFC3339("expires") ", "
    SCIMD_SQL_RFC3339("revoked_at");

api_token_row to_token(soci::row const& r) {
    return {r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
            nullable_text(r, 3),   nullable_text(r, 4),   nullable_text(r, 5)};
}

}  // namespace

issued_api_token issue_api_token(soci::session& s, std::string const& email, std::string const& label,
                                 std::optional<int> expires_in_days) {
    issued_api_token out;
    s << "SELECT id::text FROM accounts WHERE lower(email COLLATE \"und-x-icu\") = lower(CAST(:e AS text) COLLATE \"und-x-icu\") "
         "AND lifecycle <> 'deleted'",
        soci::use(email, "e"), soci::into(out.account_id);
    if (!s.got_data()) throw core::error(core::error_type::not_found, "no account has the address " + email);
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
        sql.bind(std::to_string(*expires_in_days)) << " AS int))";
    } else {
        sql << "NULL";
    }
    sql << ") RETURNING " << token_columns;
    for_each_row(s, sql, [&](soci::row const& r) { out.row = to_token(r); });
    return out;
}

std::vector<api_token_row> list_api_tokens(soci::session& s, std::string const& account_id) {
    std::vector<api_token_row> out;
    if (!is_uuid(account_id)) return out;
    sql_text sql;
    sql << "SELECT " << token_columns << " FROM api_tokens WHERE account_id = CAST(";
    sql.bind(account_id) << " AS uuid) ORDER BY created DESC, id";
    for_each_row(s, sql, [&](soci::row const& r) { out.push_back(to_token(r)); });
    return out;
}

bool revoke_api_token(soci::session& s, std::string const& account_id, std::string const& token_id) {
    if (!is_uuid(account_id)) return false;
    sql_text sql;
    sql << "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE account_id = CAST(";
    sql.bind(account_id) << " AS uuid) AND id = ";
    sql.bind(token_id);
    return execute(s, sql) > 0;
}

}  // namespace scim::store
