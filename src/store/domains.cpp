#include "scim/store/domains.hpp"

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "sql_errors.hpp"
#include "statements.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

constexpr char const* domain_columns =
    "name, state, verification_token, "
    "CASE WHEN verified_at IS NULL THEN NULL ELSE " SCIMD_SQL_RFC3339("verified_at") " END, "
    SCIMD_SQL_RFC3339("created");

domain_row to_domain(soci::row const& r) {
    domain_row d;
    d.name = r.get<std::string>(0);
    d.state = r.get<std::string>(1);
    d.verification_token = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) d.verified_at = r.get<std::string>(3);
    d.created = r.get<std::string>(4);
    return d;
}

sql_text in_organization(std::string const& organization_id, std::optional<std::string> const& name) {
    sql_text sql;
    sql << " FROM domains WHERE organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    if (name) {
        sql << " AND name = ";
        sql.bind(*name);
    }
    return sql;
}

}  // namespace

domain_row add_domain(soci::session& s, std::string const& organization_id, std::string const& name) {
    sql_text sql;
    sql << "INSERT INTO domains (id, organization_id, name, verification_token) VALUES (CAST(";
    sql.bind(core::random_uuid()) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), ";
    sql.bind(name) << ", ";
    sql.bind(core::base64url_encode(core::random_token(24))) << ") RETURNING " << domain_columns;
    std::optional<domain_row> row;
    try {
        for_each_row(s, sql, [&](soci::row const& r) { row = to_domain(r); });
    } catch (soci::soci_error const& e) {
        if (sqlstate_of(e) != "23505") throw;
        throw core::error(core::error_type::uniqueness, "the domain " + name + " is already added");
    }
    return *row;
}

std::vector<domain_row> list_domains(soci::session& s, std::string const& organization_id) {
    std::vector<domain_row> out;
    if (!is_uuid(organization_id)) return out;
    auto sql = in_organization(organization_id, std::nullopt).after(std::string("SELECT ") + domain_columns);
    sql << " ORDER BY name";
    for_each_row(s, sql, [&](soci::row const& r) { out.push_back(to_domain(r)); });
    return out;
}

std::optional<domain_row> find_domain(soci::session& s, std::string const& organization_id, std::string const& name) {
    std::optional<domain_row> row;
    if (!is_uuid(organization_id)) return row;
    for_each_row(s, in_organization(organization_id, name).after(std::string("SELECT ") + domain_columns),
                 [&](soci::row const& r) { row = to_domain(r); });
    return row;
}

std::int64_t verify_domain(soci::session& s, std::string const& organization_id, std::string const& name) {
    sql_text verify;
    verify << "UPDATE domains SET state = 'verified', verified_at = coalesce(verified_at, now()) WHERE organization_id = CAST(";
    verify.bind(organization_id) << " AS uuid) AND name = ";
    verify.bind(name);
    try {
        execute(s, verify);
    } catch (soci::soci_error const& e) {
        // domains_verified_once: one organization per verified domain.
        if (sqlstate_of(e) != "23505") throw;
        throw core::error(core::error_type::conflict, "another organization has verified " + name);
    }
    // DOMAIN.md: verifying a domain claims the existing accounts on it (the ones no
    // organization claimed; a deleted account is gone). The expression is the one of the
    // index accounts_unclaimed_domain (007_admin_tokens.sql).
    sql_text claim;
    claim << "UPDATE accounts SET claimed_by = CAST(";
    claim.bind(organization_id) << " AS uuid) WHERE claimed_by IS NULL AND lifecycle <> 'deleted' "
                                   "AND lower(substring(email from '@([^@]*)$')) = ";
    claim.bind(name);
    return execute(s, claim);
}

bool remove_domain(soci::session& s, std::string const& organization_id, std::string const& name) {
    if (!is_uuid(organization_id)) return false;
    return execute(s, in_organization(organization_id, name).after("DELETE")) > 0;
}

}  // namespace scim::store
