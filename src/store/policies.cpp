#include "scim/store/policies.hpp"

#include "identifiers.hpp"
#include "policy_sql.hpp"
#include "scim/core/crypto.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

// id, is_default, the settings (policy_sql.hpp), created.
std::string const policy_columns = std::string("p.id::text AS id, p.is_default, ") + policy_settings_columns +
                                   ", " SCIMD_SQL_RFC3339("p.created") " AS created";

policy_row to_policy(sql_row const& r) {
    policy_row p;
    p.id = r.text("id");
    p.is_default = r.flag("is_default");
    p.settings = read_policy_settings(r);
    p.created = r.text("created");
    return p;
}

// The settings as binds, in the column order "name, type, saml_sso, two_step_required,
// password_min_length, password_expiry_days, idle_session_minutes".
void bind_settings(sql_text& sql, domain::policy_settings const& p, char const* separator) {
    sql.bind(p.name) << separator;
    sql.bind(std::string(domain::to_string(p.type))) << separator << "CAST(";
    sql.bind_flag(p.saml_sso) << " AS boolean)" << separator << "CAST(";
    sql.bind_flag(p.two_step_required) << " AS boolean)" << separator << "CAST(";
    sql.bind_number(p.password_min_length) << " AS int)" << separator << "CAST(";
    // NULL: passwords never expire.
    sql.bind_nullable(p.password_expiry_days ? std::optional<std::string>(std::to_string(*p.password_expiry_days))
                                             : std::nullopt)
        << " AS int)" << separator << "CAST(";
    sql.bind_number(p.idle_session_minutes) << " AS int)";
}

}  // namespace

domain::policy_settings read_policy_settings(sql_row const& r) {
    domain::policy_settings p;
    p.name = r.text("policy_name");
    p.type = domain::parse_policy_type(r.text("policy_type")).value_or(domain::policy_type::billable);
    p.saml_sso = r.flag("policy_saml_sso");
    p.two_step_required = r.flag("policy_two_step_required");
    p.password_min_length = static_cast<int>(r.number("policy_password_min_length"));
    if (auto const days = r.nullable_number("policy_password_expiry_days"))
        p.password_expiry_days = static_cast<int>(*days);
    p.idle_session_minutes = static_cast<int>(r.number("policy_idle_session_minutes"));
    return p;
}

std::vector<policy_row> list_policies(session& s, std::string const& organization_id) {
    std::vector<policy_row> out;
    if (!is_uuid(organization_id)) return out;
    sql_text sql;
    sql << "SELECT " << policy_columns << " FROM policies p WHERE p.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) ORDER BY p.is_default DESC, lower(p.name), p.id";
    for (auto const& r : s.run(sql)) out.push_back(to_policy(r));
    return out;
}

std::optional<policy_row> find_policy(session& s, std::string const& organization_id, std::string const& policy_id,
                                      bool for_update) {
    std::optional<policy_row> out;
    if (!is_uuid(organization_id) || !is_uuid(policy_id)) return out;
    sql_text sql;
    sql << "SELECT " << policy_columns << " FROM policies p WHERE p.id = CAST(";
    sql.bind(policy_id) << " AS uuid) AND p.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    if (for_update) sql << " FOR UPDATE";
    for (auto const& r : s.run(sql)) out = to_policy(r);
    return out;
}

std::optional<policy_row> create_policy(session& s, std::string const& organization_id,
                                        domain::policy_settings const& settings) {
    std::optional<policy_row> out;
    sql_text sql;
    sql << "INSERT INTO policies AS p (id, organization_id, name, type, saml_sso, two_step_required, "
           "password_min_length, "
           "password_expiry_days, idle_session_minutes) VALUES (CAST(";
    sql.bind(core::random_uuid()) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), ";
    bind_settings(sql, settings, ", ");
    // A name clash (policies_name_key) inserts nothing and returns no row.
    sql << ") ON CONFLICT DO NOTHING RETURNING " << policy_columns;
    for (auto const& r : s.run(sql)) out = to_policy(r);
    return out;
}

bool update_policy(session& s, std::string const& policy_id, domain::policy_settings const& settings) {
    // The clash is a condition of the UPDATE rather than its error: a unique violation would
    // abort the transaction.
    sql_text sql;
    sql << "UPDATE policies p SET (name, type, saml_sso, two_step_required, password_min_length, password_expiry_days, "
           "idle_session_minutes) = (";
    bind_settings(sql, settings, ", ");
    sql << ") WHERE p.id = CAST(";
    sql.bind(policy_id)
        << " AS uuid) AND NOT EXISTS (SELECT 1 FROM policies q WHERE q.organization_id = p.organization_id "
           "AND q.id <> p.id AND lower(q.name) = lower(CAST(";
    sql.bind(settings.name) << " AS text)))";
    return s.run(sql).affected_rows() > 0;
}

std::optional<std::string> assigned_policy(session& s, std::string const& account_id) {
    if (!is_uuid(account_id)) return std::nullopt;
    sql_text sql("SELECT policy_id::text AS policy_id FROM policy_accounts WHERE account_id = CAST(");
    sql.bind(account_id) << " AS uuid)";
    auto const rows = s.run(sql);
    if (rows.empty()) return std::nullopt;
    return rows.front().text("policy_id");
}

void assign_policy(session& s, std::string const& account_id, std::string const& policy_id) {
    sql_text sql;
    sql << "INSERT INTO policy_accounts (account_id, policy_id) VALUES (CAST(";
    sql.bind(account_id) << " AS uuid), CAST(";
    sql.bind(policy_id) << " AS uuid)) ON CONFLICT (account_id) DO UPDATE SET policy_id = excluded.policy_id";
    s.run(sql);
}

}  // namespace scim::store
