#include "scim/store/domains.hpp"

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"
#include "sql_text.hpp"

namespace scim::store {
namespace {

// The domain of an account's address, as the indexes accounts_unclaimed_domain
// (007_admin_tokens.sql) and accounts_claimed_domain (015_domain_claim.sql) hold it.
#define SCIMD_SQL_ADDRESS_DOMAIN(email) "lower(substring(" email " from '@([^@]*)$'))"

// The accounts on the domain of the row `domains` (not deleted) that match `whose`; counted for
// a verified domain only (domain_row).
#define SCIMD_SQL_DOMAIN_ACCOUNTS(whose)                                                                  \
    "CASE WHEN domains.state = 'unverified' THEN NULL ELSE (SELECT count(*) FROM accounts a WHERE " whose \
    " AND a.lifecycle <> 'deleted' AND " SCIMD_SQL_ADDRESS_DOMAIN("a.email") " = domains.name) END"

constexpr char const* domain_columns =
    "domains.name, domains.state, domains.verification_token, "
    "CASE WHEN domains.verified_at IS NULL THEN NULL ELSE " SCIMD_SQL_RFC3339("domains.verified_at") " END AS verified_at, "
    "CASE WHEN domains.claimed_at IS NULL THEN NULL ELSE " SCIMD_SQL_RFC3339("domains.claimed_at") " END AS claimed_at, "
    SCIMD_SQL_RFC3339("domains.created") " AS created, "
    SCIMD_SQL_DOMAIN_ACCOUNTS("a.claimed_by IS NULL") " AS unclaimed_accounts, "
    SCIMD_SQL_DOMAIN_ACCOUNTS("a.claimed_by = domains.organization_id") " AS managed_accounts";

domain_row to_domain(sql_row const& r) {
    domain_row d;
    d.name = r.text("name");
    d.state = r.text("state");
    d.verification_token = r.text("verification_token");
    d.verified_at = r.nullable_text("verified_at");
    d.claimed_at = r.nullable_text("claimed_at");
    d.created = r.text("created");
    d.unclaimed_accounts = r.nullable_number("unclaimed_accounts");
    d.managed_accounts = r.nullable_number("managed_accounts");
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

std::optional<domain_row> add_domain(session& s, std::string const& organization_id, std::string const& name) {
    // ON CONFLICT: a new, unverified domain can only meet the organization's own of that name.
    sql_text sql;
    sql << "INSERT INTO domains (id, organization_id, name, verification_token) VALUES (CAST(";
    sql.bind(core::random_uuid()) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), ";
    sql.bind(name) << ", ";
    sql.bind(core::base64url_encode(core::random_token(24))) << ") ON CONFLICT DO NOTHING RETURNING " << domain_columns;
    std::optional<domain_row> row;
    for (auto const& r : s.run(sql)) row = to_domain(r);
    return row;
}

std::vector<domain_row> list_domains(session& s, std::string const& organization_id) {
    std::vector<domain_row> out;
    if (!is_uuid(organization_id)) return out;
    auto sql = in_organization(organization_id, std::nullopt).after(std::string("SELECT ") + domain_columns);
    sql << " ORDER BY name";
    for (auto const& r : s.run(sql)) out.push_back(to_domain(r));
    return out;
}

std::optional<domain_row> find_domain(session& s, std::string const& organization_id, std::string const& name,
                                      bool for_update) {
    std::optional<domain_row> row;
    if (!is_uuid(organization_id)) return row;
    auto sql = in_organization(organization_id, name).after(std::string("SELECT ") + domain_columns);
    if (for_update) sql << " FOR UPDATE OF domains";
    for (auto const& r : s.run(sql)) row = to_domain(r);
    return row;
}

domain_verification mark_domain_verified(session& s, std::string const& organization_id, std::string const& name) {
    domain_verification out;
    if (!is_uuid(organization_id)) return out;
    // Verifying again re-checks the record; it takes no claim back.
    sql_text verify;
    verify << "UPDATE domains SET state = CASE WHEN state = 'claimed' THEN 'claimed' ELSE 'verified' END, "
              "verified_at = coalesce(verified_at, now()) WHERE organization_id = CAST(";
    verify.bind(organization_id) << " AS uuid) AND name = ";
    verify.bind(name) << " RETURNING " << domain_columns;
    try {
        for (auto const& r : s.run(verify)) out.domain = to_domain(r);
    } catch (sql_error const& e) {
        // domains_verified_once: the only key this UPDATE can break.
        if (!e.is(sql_state::unique_violation)) throw;
        out.verified_elsewhere = true;
    }
    return out;
}

std::int64_t claim_domain_accounts(session& s, std::string const& organization_id, std::string const& name) {
    // The accounts on the domain that no organization claimed; a deleted account is gone.
    sql_text claim;
    claim << "UPDATE accounts SET claimed_by = CAST(";
    claim.bind(organization_id) << " AS uuid) WHERE claimed_by IS NULL AND lifecycle <> 'deleted' "
                                   "AND " SCIMD_SQL_ADDRESS_DOMAIN("email") " = ";
    claim.bind(name);
    return s.run(claim).affected_rows();
}

std::optional<domain_row> mark_domain_claimed(session& s, std::string const& organization_id, std::string const& name) {
    std::optional<domain_row> row;
    if (!is_uuid(organization_id)) return row;
    sql_text sql;
    sql << "UPDATE domains SET state = 'claimed', claimed_at = coalesce(claimed_at, now()) WHERE organization_id = "
           "CAST(";
    sql.bind(organization_id) << " AS uuid) AND name = ";
    sql.bind(name) << " AND state <> 'unverified' RETURNING " << domain_columns;
    for (auto const& r : s.run(sql)) row = to_domain(r);
    return row;
}

std::int64_t release_domain_accounts(session& s, std::string const& organization_id, std::string const& name) {
    if (!is_uuid(organization_id)) return 0;
    sql_text release;
    release << "UPDATE accounts SET claimed_by = NULL WHERE claimed_by = CAST(";
    release.bind(organization_id) << " AS uuid) AND lifecycle <> 'deleted' AND " SCIMD_SQL_ADDRESS_DOMAIN(
        "email") " = ";
    release.bind(name);
    return s.run(release).affected_rows();
}

bool remove_domain(session& s, std::string const& organization_id, std::string const& name) {
    if (!is_uuid(organization_id)) return false;
    return s.run(in_organization(organization_id, name).after("DELETE")).affected_rows() > 0;
}

}  // namespace scim::store
