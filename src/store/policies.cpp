#include "scim/store/policies.hpp"

#include <soci/soci.h>

#include "identifiers.hpp"
#include "policy_sql.hpp"
#include "statements.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

// id, is_default, the settings (policy_sql.hpp), created.
std::string const policy_columns = std::string("p.id::text, p.is_default::int, ") + policy_settings_columns +
                                   ", " SCIMD_SQL_RFC3339("p.created");

policy_row to_policy(soci::row const& r) {
    policy_row p;
    p.id = r.get<std::string>(0);
    p.is_default = r.get<int>(1) != 0;
    p.settings = read_policy_settings(r, 2);
    p.created = r.get<std::string>(9);
    return p;
}

// The settings as binds, in the column order "name, type, saml_sso, two_step_required,
// password_min_length, password_expiry_days, idle_session_minutes".
void bind_settings(sql_text& sql, domain::policy_settings const& p, char const* separator) {
    auto boolean = [](bool b) { return std::string(b ? "true" : "false"); };
    sql.bind(p.name) << separator;
    sql.bind(std::string(domain::to_string(p.type))) << separator << "CAST(";
    sql.bind(boolean(p.saml_sso)) << " AS boolean)" << separator << "CAST(";
    sql.bind(boolean(p.two_step_required)) << " AS boolean)" << separator << "CAST(";
    sql.bind(std::to_string(p.password_min_length)) << " AS int)" << separator;
    if (p.password_expiry_days) {
        sql << "CAST(";
        sql.bind(std::to_string(*p.password_expiry_days)) << " AS int)";
    } else {
        sql << "NULL";
    }
    sql << separator << "CAST(";
    sql.bind(std::to_string(p.idle_session_minutes)) << " AS int)";
}

[[noreturn]] void name_taken(std::string const& name) {
    throw core::error(core::error_type::uniqueness, "the organization already has a policy named \"" + name + "\"");
}

}  // namespace

domain::policy_settings read_policy_settings(soci::row const& r, std::size_t first) {
    domain::policy_settings p;
    p.name = r.get<std::string>(first);
    p.type = domain::parse_policy_type(r.get<std::string>(first + 1)).value_or(domain::policy_type::billable);
    p.saml_sso = r.get<int>(first + 2) != 0;
    p.two_step_required = r.get<int>(first + 3) != 0;
    p.password_min_length = r.get<int>(first + 4);
    if (r.get_indicator(first + 5) == soci::i_ok) p.password_expiry_days = r.get<int>(first + 5);
    p.idle_session_minutes = r.get<int>(first + 6);
    return p;
}

std::vector<policy_row> list_policies(soci::session& s, std::string const& organization_id) {
    std::vector<policy_row> out;
    if (!is_uuid(organization_id)) return out;
    sql_text sql;
    sql << "SELECT " << policy_columns << " FROM policies p WHERE p.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid) ORDER BY p.is_default DESC, lower(p.name), p.id";
    for_each_row(s, sql, [&](soci::row const& r) { out.push_back(to_policy(r)); });
    return out;
}

std::optional<policy_row> find_policy(soci::session& s, std::string const& organization_id, std::string const& policy_id,
                                      bool for_update) {
    std::optional<policy_row> out;
    if (!is_uuid(organization_id) || !is_uuid(policy_id)) return out;
    sql_text sql;
    sql << "SELECT " << policy_columns << " FROM policies p WHERE p.id = CAST(";
    sql.bind(policy_id) << " AS uuid) AND p.organization_id = CAST(";
    sql.bind(organization_id) << " AS uuid)";
    if (for_update) sql << " FOR UPDATE";
    for_each_row(s, sql, [&](soci::row const& r) { out = to_policy(r); });
    return out;
}

policy_row create_policy(soci::session& s, std::string const& organization_id, domain::policy_settings const& settings) {
    auto const id = core::random_uuid();
    sql_text sql;
    sql << "INSERT INTO policies (id, organization_id, name, type, saml_sso, two_step_required, password_min_length, "
           "password_expiry_days, idle_session_minutes) VALUES (CAST(";
    sql.bind(id) << " AS uuid), CAST(";
    sql.bind(organization_id) << " AS uuid), ";
    bind_settings(sql, settings, ", ");
    sql << ") ON CONFLICT DO NOTHING";
    if (execute(s, sql) == 0) name_taken(settings.name);
    return *find_policy(s, organization_id, id);
}

void update_policy(soci::session& s, std::string const& policy_id, domain::policy_settings const& settings) {
    // A clash on the name is checked first: the unique index would abort the transaction.
    sql_text clash;
    clash << "SELECT 1 FROM policies p JOIN policies q ON q.organization_id = p.organization_id AND q.id <> p.id "
             "AND lower(q.name) = lower(";
    clash.bind(settings.name) << ") WHERE p.id = CAST(";
    clash.bind(policy_id) << " AS uuid)";
    bool taken = false;
    for_each_row(s, clash, [&](soci::row const&) { taken = true; });
    if (taken) name_taken(settings.name);
    sql_text sql;
    sql << "UPDATE policies SET (name, type, saml_sso, two_step_required, password_min_length, password_expiry_days, "
           "idle_session_minutes) = (";
    bind_settings(sql, settings, ", ");
    sql << ") WHERE id = CAST(";
    sql.bind(policy_id) << " AS uuid)";
    execute(s, sql);
}

void assign_policy(soci::session& s, std::string const& account_id, std::string const& policy_id) {
    sql_text sql;
    sql << "INSERT INTO policy_accounts (account_id, policy_id) VALUES (CAST(";
    sql.bind(account_id) << " AS uuid), CAST(";
    sql.bind(policy_id) << " AS uuid)) ON CONFLICT (account_id) DO UPDATE SET policy_id = excluded.policy_id";
    execute(s, sql);
}

}  // namespace scim::store
