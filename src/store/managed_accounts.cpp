#include "scim/store/managed_accounts.hpp"

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "policy_sql.hpp"
#include "row_values.hpp"
#include "site_sql.hpp"
#include "statements.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

constexpr char const* detail_columns =
    "a.id::text, a.email, a.display_name, a.given_name, a.family_name, a.job_title, a.department, "
    "a.organization_name, a.timezone, a.preferred_language, coalesce(a.claimed_by = org.id, false)::int, "
    "a.lifecycle, " SCIMD_SQL_RFC3339("a.deletion_due_at") ", a.synced_by::text, sd.name, a.email_verified::int, "
    "a.two_step_enrolled::int, " SCIMD_SQL_RFC3339("a.two_step_excluded_until") ", " SCIMD_SQL_RFC3339("a.last_active_at") ", "
    SCIMD_SQL_RFC3339("a.created") ", a.pending_email, a.location, a.picture_url, a.password_reset_required::int "
    "FROM org CROSS JOIN accounts a LEFT JOIN directories sd ON sd.id = a.synced_by";

account_detail to_detail(soci::row const& r) {
    account_detail a;
    a.id = r.get<std::string>(0);
    a.email = nullable_text(r, 1);
    a.profile.email = a.email;
    a.profile.display_name = nullable_text(r, 2);
    a.profile.given_name = nullable_text(r, 3);
    a.profile.family_name = nullable_text(r, 4);
    a.profile.job_title = nullable_text(r, 5);
    a.profile.department = nullable_text(r, 6);
    a.profile.organization_name = nullable_text(r, 7);
    a.profile.timezone = nullable_text(r, 8);
    a.profile.preferred_language = nullable_text(r, 9);
    a.type = r.get<int>(10) != 0 ? domain::account_type::managed : domain::account_type::external;
    a.lifecycle = domain::parse_lifecycle(r.get<std::string>(11)).value_or(domain::lifecycle::active);
    a.profile.active = a.lifecycle == domain::lifecycle::active;
    a.deletion_due_at = nullable_text(r, 12);
    a.synced_by_directory_id = nullable_text(r, 13);
    a.synced_by_directory_name = nullable_text(r, 14);
    a.email_verified = r.get<int>(15) != 0;
    a.two_step_enrolled = r.get<int>(16) != 0;
    a.two_step_excluded_until = nullable_text(r, 17);
    a.last_active = nullable_text(r, 18);
    a.created = r.get<std::string>(19);
    a.pending_email = nullable_text(r, 20);
    a.location = nullable_text(r, 21);
    a.picture_url = nullable_text(r, 22);
    a.password_reset_required = r.get<int>(23) != 0;
    return a;
}

// DOMAIN.md: deletion erases the personal data; the id stays taken.
constexpr char const* erased_personal_data =
    "email = NULL, display_name = NULL, given_name = NULL, family_name = NULL, job_title = NULL, "
    "department = NULL, organization_name = NULL, location = NULL, timezone = NULL, "
    "preferred_language = NULL, picture_url = NULL, pending_email = NULL, last_active_at = NULL";

// UPDATE accounts SET <set> WHERE id = account_id.
void update(soci::session& s, std::string const& account_id, sql_text set) {
    set << " WHERE id = CAST(";
    set.bind(account_id) << " AS uuid)";
    execute(s, set.after("UPDATE accounts SET "));
}

// The admin API's field names and their columns (DOMAIN.md "account").
char const* profile_column(std::string const& field) {
    static std::vector<std::pair<std::string, char const*>> const columns{
        {"displayName", "display_name"},   {"givenName", "given_name"},
        {"familyName", "family_name"},     {"jobTitle", "job_title"},
        {"department", "department"},      {"organizationName", "organization_name"},
        {"timezone", "timezone"},          {"preferredLanguage", "preferred_language"},
        {"location", "location"},          {"pictureUrl", "picture_url"},
    };
    for (auto const& [name, column] : columns) {
        if (name == field) return column;
    }
    throw core::error(core::error_type::invalid_value, "\"" + field + "\" is not a profile field of an account");
}

// The attributes of protocol::managed_account_type() and their columns; every one the schema
// declares has a column, so the filter never falls back to a JSON document.
std::optional<sql_value> managed_account_column(protocol::bound_path const& path) {
    auto unknown = [&]() -> std::optional<sql_value> {
        throw core::error(core::error_type::invalid_filter,
                          "\"" + protocol::to_string(path) + "\" is not an attribute of managed accounts");
    };
    if (!path.attribute) return unknown();
    if (path.common) {
        // Of the common attributes (RFC 7643 §3.1) accounts have only an id.
        if (path.attribute->name == "id" && !path.sub_attribute) return sql_value{sql_form::uuid, "a.id"};
        return unknown();
    }
    auto const& name = path.attribute->name;
    if (name == "twoStepVerification") {
        if (!path.sub_attribute) return sql_value{sql_form::boolean, "true"};
        if (path.sub_attribute->name == "enrolled") return sql_value{sql_form::boolean, "a.two_step_enrolled"};
        return sql_value{sql_form::timestamp, "a.two_step_excluded_until"};
    }
    static std::vector<std::pair<std::string, sql_value>> const columns{
        {"email", {sql_form::text, "a.email"}},
        {"pendingEmail", {sql_form::text, "a.pending_email"}},
        {"displayName", {sql_form::text, "a.display_name"}},
        {"givenName", {sql_form::text, "a.given_name"}},
        {"familyName", {sql_form::text, "a.family_name"}},
        {"jobTitle", {sql_form::text, "a.job_title"}},
        {"department", {sql_form::text, "a.department"}},
        {"lifecycle", {sql_form::text, "a.lifecycle"}},
        {"synced", {sql_form::boolean, "(a.synced_by IS NOT NULL)"}},
        {"emailVerified", {sql_form::boolean, "a.email_verified"}},
        {"lastActive", {sql_form::timestamp, "a.last_active_at"}},
        {"created", {sql_form::timestamp, "a.created"}},
    };
    for (auto const& [attribute, column] : columns) {
        if (attribute == name) return column;
    }
    return unknown();
}

resource_table const managed_accounts_table{"", managed_account_column,
                                            [](protocol::bound_path const&) -> side_table const* { return nullptr; }, ""};

}  // namespace

std::optional<account_detail> find_account(soci::session& s, std::string const& organization_id,
                                           std::string const& account_id, bool for_update) {
    std::optional<account_detail> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return out;
    auto sql = with_organization(organization_id);
    sql << "SELECT " << detail_columns << " WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid) AND a.lifecycle <> 'deleted' AND " << account_visible_to_org;
    if (for_update) sql << " FOR UPDATE OF a";
    for_each_row(s, sql, [&](soci::row const& r) { out = to_detail(r); });
    return out;
}

account_page list_managed_accounts(soci::session& s, std::string const& organization_id,
                                   managed_accounts_query const& query) {
    account_page page;
    if (!is_uuid(organization_id)) return page;
    // The accounts_claimed_by index finds the organization's accounts; the filter narrows them.
    auto where = [&](sql_text& sql) {
        sql << " WHERE a.claimed_by = org.id AND a.lifecycle <> 'deleted'";
        if (query.filter) {
            sql << " AND ";
            emit_filter(sql, *query.filter, managed_accounts_table);
        }
    };
    auto count = with_organization(organization_id);
    count << "SELECT count(*) FROM org CROSS JOIN accounts a";
    where(count);
    for_each_row(s, count, [&](soci::row const& r) { page.total = r.get<long long>(0); });
    if (query.limit <= 0) return page;
    auto sql = with_organization(organization_id);
    sql << "SELECT " << detail_columns;
    where(sql);
    std::string const direction = query.descending ? " DESC" : " ASC";
    if (query.sort_by) {
        // RFC 7644 §3.4.2.3: resources without the value come last either way.
        sql << " ORDER BY " << sort_expression_for(*query.sort_by, managed_accounts_table).sql << direction
            << " NULLS LAST, a.id";
    } else {
        sql << " ORDER BY lower(a.email COLLATE \"und-x-icu\") COLLATE \"C\"" << direction << ", a.id";
    }
    sql << " LIMIT " << std::to_string(query.limit) << " OFFSET " << std::to_string(query.offset);
    for_each_row(s, sql, [&](soci::row const& r) { page.accounts.push_back(to_detail(r)); });
    return page;
}

void set_lifecycle(soci::session& s, std::string const& account_id, domain::lifecycle state, int deletion_due_in_days) {
    sql_text set;
    set << "lifecycle = ";
    set.bind(std::string(domain::to_string(state))) << ", deletion_due_at = ";
    if (state == domain::lifecycle::pending_deletion) {
        set << "now() + make_interval(days => CAST(";
        set.bind(std::to_string(deletion_due_in_days)) << " AS int))";
    } else {
        set << "NULL";
    }
    if (state == domain::lifecycle::deleted) set << ", " << erased_personal_data;
    update(s, account_id, std::move(set));
}

void update_profile(soci::session& s, std::string const& account_id,
                    std::vector<std::pair<std::string, std::optional<std::string>>> const& fields) {
    if (fields.empty()) return;
    sql_text set;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        set << (i ? ", " : "") << profile_column(fields[i].first) << " = ";
        if (fields[i].second) {
            set.bind(*fields[i].second);
        } else {
            set << "NULL";
        }
    }
    update(s, account_id, std::move(set));
}

void set_two_step_exclusion(soci::session& s, std::string const& account_id, std::optional<std::string> const& until) {
    sql_text set;
    set << "two_step_excluded_until = ";
    if (until) {
        set << "CAST(";
        set.bind(*until) << " AS timestamptz)";
    } else {
        set << "NULL";
    }
    update(s, account_id, std::move(set));
}

void require_password_reset(soci::session& s, std::string const& account_id) {
    sql_text set;
    set << "password_reset_required = true";
    update(s, account_id, std::move(set));
}

std::int64_t erase_due_accounts(soci::session& s) {
    std::string const due_accounts =
        "SELECT id FROM accounts WHERE lifecycle = 'pending_deletion' AND deletion_due_at <= now()";
    // The SCIM records linking an erased account hold its personal data too: they go with it
    // (and their group memberships, by cascade).
    sql_text unlink;
    unlink << "DELETE FROM scim_users WHERE account_id IN (" << due_accounts << ")";
    execute(s, unlink);
    // DOMAIN.md: a deleted account's memberships are gone: its site memberships here (with
    // their product access), its admin groups by the trigger of 010_group_admin.sql.
    sql_text leave;
    leave << "DELETE FROM site_memberships WHERE account_id IN (SELECT id FROM accounts WHERE lifecycle = "
             "'pending_deletion' AND deletion_due_at <= now())";
    execute(s, leave);
    // So do its verification messages (their addresses), and its API tokens stop working.
    sql_text forget_messages;
    forget_messages << "DELETE FROM email_verifications WHERE account_id IN (" << due_accounts << ")";
    execute(s, forget_messages);
    sql_text revoke_tokens;
    revoke_tokens << "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE account_id IN (" << due_accounts
                  << ")";
    execute(s, revoke_tokens);
    sql_text erase;
    erase << "UPDATE accounts SET lifecycle = 'deleted', deletion_due_at = NULL, " << erased_personal_data
          << " WHERE lifecycle = 'pending_deletion' AND deletion_due_at <= now()";
    return execute(s, erase);
}

managed_summary summarize_managed_accounts(soci::session& s, std::string const& organization_id) {
    managed_summary out;
    if (!is_uuid(organization_id)) return out;
    auto sql = with_organization(organization_id);
    // Secure login (the seed's "SSO or MFA", domain::uses_secure_login): under a SAML single
    // sign-on policy, or enrolled in two-step verification.
    sql << "SELECT count(*), count(*) FILTER (WHERE a.lifecycle IN ('deactivated', 'pending_deletion')), "
           "count(*) FILTER (WHERE p.saml_sso OR a.two_step_enrolled), count(*) FILTER (WHERE p.saml_sso) "
           "FROM org CROSS JOIN accounts a " << account_policy_join << " WHERE a.claimed_by = org.id AND a.lifecycle <> 'deleted'";
    for_each_row(s, sql, [&](soci::row const& r) {
        out.total = r.get<long long>(0);
        out.deactivated = r.get<long long>(1);
        out.secure_login = r.get<long long>(2);
        out.sso = r.get<long long>(3);
    });
    return out;
}

}  // namespace scim::store
