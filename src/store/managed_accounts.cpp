#include "scim/store/managed_accounts.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "policy_sql.hpp"
#include "resource_listing.hpp"
#include "scim/core/error.hpp"
#include "session.hpp"
#include "site_sql.hpp"

namespace scim::store {
namespace {

// The select list of an account_detail of account `a`; `managed` says whether the organization
// claims it. The directory that syncs it is shown to the managing organization only: it is one of
// that organization's directories (017_sync_owner.sql), and an external user follows none of the
// asking organization's. The RFC 3339 renderings keep their columns' names; every ORDER BY names columns
// qualified (a.id, a.email, …), which never resolve to these output names.
std::string detail_columns(std::string const& managed) {
    return "a.id::text AS id, a.email, a.display_name, a.given_name, a.family_name, a.job_title, a.department, "
           "a.organization_name, a.timezone, a.preferred_language, " +
           managed + " AS managed, a.lifecycle, " SCIMD_SQL_RFC3339("a.deletion_due_at") " AS deletion_due_at, "
           "CASE WHEN " + managed + " THEN a.synced_by::text END AS synced_by, "
           "(SELECT sd.name FROM directories sd WHERE sd.id = a.synced_by AND " + managed + ") AS synced_by_name, "
           "a.email_verified, "
           "a.two_step_enrolled, " SCIMD_SQL_RFC3339("a.two_step_excluded_until") " AS two_step_excluded_until, "
           SCIMD_SQL_RFC3339("a.last_active_at") " AS last_active_at, " SCIMD_SQL_RFC3339("a.created") " AS created, "
           "a.pending_email, a.location, a.picture_url, a.password_reset_required";
}

account_detail to_detail(sql_row const& r) {
    account_detail a;
    a.id = r.text("id");
    a.email = r.nullable_text("email");
    a.profile.email = a.email;
    a.profile.display_name = r.nullable_text("display_name");
    a.profile.given_name = r.nullable_text("given_name");
    a.profile.family_name = r.nullable_text("family_name");
    a.profile.job_title = r.nullable_text("job_title");
    a.profile.department = r.nullable_text("department");
    a.profile.organization_name = r.nullable_text("organization_name");
    a.profile.timezone = r.nullable_text("timezone");
    a.profile.preferred_language = r.nullable_text("preferred_language");
    a.type = r.flag("managed") ? domain::account_type::managed : domain::account_type::external;
    a.lifecycle = domain::parse_lifecycle(r.text("lifecycle")).value_or(domain::lifecycle::active);
    a.profile.active = a.lifecycle == domain::lifecycle::active;
    a.deletion_due_at = r.nullable_text("deletion_due_at");
    a.synced_by_directory_id = r.nullable_text("synced_by");
    a.synced_by_directory_name = r.nullable_text("synced_by_name");
    a.email_verified = r.flag("email_verified");
    a.two_step_enrolled = r.flag("two_step_enrolled");
    a.two_step_excluded_until = r.nullable_text("two_step_excluded_until");
    a.last_active = r.nullable_text("last_active_at");
    a.created = r.text("created");
    a.pending_email = r.nullable_text("pending_email");
    a.location = r.nullable_text("location");
    a.picture_url = r.nullable_text("picture_url");
    a.password_reset_required = r.flag("password_reset_required");
    return a;
}

// DOMAIN.md: deletion erases the personal data; the id stays taken.
constexpr char const* erased_personal_data =
    "email = NULL, display_name = NULL, given_name = NULL, family_name = NULL, job_title = NULL, "
    "department = NULL, organization_name = NULL, location = NULL, timezone = NULL, "
    "preferred_language = NULL, picture_url = NULL, pending_email = NULL, last_active_at = NULL";

// UPDATE accounts SET <set> WHERE id = account_id.
void update(session& s, std::string const& account_id, sql_text set) {
    set << " WHERE id = CAST(";
    set.bind(account_id) << " AS uuid)";
    s.run(set.after("UPDATE accounts SET "));
}

char const* profile_column(profile_field field) noexcept {
    switch (field) {
        case profile_field::display_name: return "display_name";
        case profile_field::given_name: return "given_name";
        case profile_field::family_name: return "family_name";
        case profile_field::job_title: return "job_title";
        case profile_field::department: return "department";
        case profile_field::organization_name: return "organization_name";
        case profile_field::timezone: return "timezone";
        case profile_field::preferred_language: return "preferred_language";
        case profile_field::location: return "location";
        case profile_field::picture_url: return "picture_url";
    }
    return "display_name";  // unreachable: every field has its column
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
        if (path.attribute->name == "id" && !path.sub_attribute) return sql_value{sql_form::uuid, "a.id", true};
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
        {"lifecycle", {sql_form::text, "a.lifecycle", true}},
        {"synced", {sql_form::boolean, "(a.synced_by IS NOT NULL)"}},
        {"emailVerified", {sql_form::boolean, "a.email_verified"}},
        {"lastActive", {sql_form::timestamp, "a.last_active_at"}},
        {"created", {sql_form::timestamp, "a.created", true}},
    };
    for (auto const& [attribute, column] : columns) {
        if (attribute == name) return column;
    }
    return unknown();
}

// The folded text columns with a sort index (014_managed_account_listing.sql) whose "eq" that
// index serves too; email's has the unique index on the folded address (006_accounts.sql).
bool managed_account_sort_indexed(protocol::bound_path const& path) {
    static std::vector<std::string> const indexed{"pendingEmail", "displayName", "givenName",
                                                  "familyName",   "jobTitle",    "department"};
    return path.attribute && !path.common && !path.sub_attribute &&
           std::find(indexed.begin(), indexed.end(), path.attribute->name) != indexed.end();
}

resource_table const managed_accounts_table{"", managed_account_column,
                                            [](protocol::bound_path const&) -> side_table const* { return nullptr; },
                                            "", managed_account_sort_indexed};

// The list's order when the request names none.
sort_expression by_email() { return {"(lower(a.email COLLATE \"und-x-icu\") COLLATE \"C\")", "text", true, true}; }

// The organization's managed accounts: claimed by it and not deleted, by email unless sortBy
// says otherwise; each sort is a range of an index of 014_managed_account_listing.sql.
listing_source const managed_accounts_source{
    "accounts a",
    "a",
    detail_columns("true"),
    &managed_accounts_table,
    "claimed_by",
    "a.lifecycle <> 'deleted'",
    by_email(),
    {"managed_account_tallies", "managed_account_tally_changes", "organization_id", ""}};

// The products a listed account reaches, with the sites (json_agg of [product, site id, site
// name], NULL for none): its memberships of its organization's sites that are active or
// invited (a suspended one blocks use), each with its access. A subquery of the page's rows
// only (resource_listing.hpp listing_page): one probe of site_memberships_account per listed
// account, and the access rows of its memberships.
constexpr char const* reached_products_column =
    "(SELECT json_agg(json_build_array(x.product, st.id::text, st.name) ORDER BY x.product, st.name, st.id)::text "
    "FROM site_memberships pm JOIN sites st ON st.id = pm.site_id AND st.organization_id = a.claimed_by "
    "CROSS JOIN LATERAL (SELECT DISTINCT y.product FROM (";

std::string reached_products() {
    return reached_products_column + access_of_membership("pm") +
           ") y) x WHERE pm.account_id = a.id AND pm.status IN ('active', 'invited')) AS reached_products";
}

std::vector<reached_product> reached_products_of(std::optional<std::string> const& aggregate) {
    std::vector<reached_product> out;
    if (!aggregate) return out;
    auto const parsed = boost::json::parse(*aggregate);
    for (auto const& item : parsed.as_array()) {
        auto const& row = item.as_array();
        std::string product(row[0].as_string());
        if (out.empty() || out.back().product != product) out.push_back({product, {}});
        out.back().sites.push_back({std::string(row[1].as_string()), std::string(row[2].as_string())});
    }
    return out;
}

listing_request listing_of(std::string const& organization_id, managed_accounts_query const& query) {
    listing_request request;
    request.owner_id = organization_id;
    request.filter = query.filter;
    request.sort_by = query.sort_by;
    request.descending = query.descending;
    request.limit = query.limit;
    request.offset = query.offset;
    request.resume = query.resume;
    request.counted = query.counted;
    return request;
}

}  // namespace

std::optional<account_detail> find_account(session& s, std::string const& organization_id,
                                           std::string const& account_id, bool for_update) {
    std::optional<account_detail> out;
    if (!is_uuid(organization_id) || !is_uuid(account_id)) return out;
    auto sql = with_organization(organization_id);
    sql << "SELECT " << detail_columns("coalesce(a.claimed_by = org.id, false)")
        << " FROM org CROSS JOIN accounts a WHERE a.id = CAST(";
    sql.bind(account_id) << " AS uuid) AND a.lifecycle <> 'deleted' AND " << account_visible_to_org;
    if (for_update) sql << " FOR UPDATE OF a";
    for (auto const& r : s.run(sql)) out = to_detail(r);
    return out;
}

account_page list_managed_accounts(session& s, std::string const& organization_id,
                                   managed_accounts_query const& query) {
    auto const request = listing_of(organization_id, query);
    using listed_account = std::pair<account_detail, std::vector<reached_product>>;
    auto const read = [](sql_row const& r) {
        return listed_account{to_detail(r), reached_products_of(r.nullable_text("reached_products"))};
    };
    auto const listed = list_rows<listed_account>(s, managed_accounts_source, request, read,
                                                  managed_accounts_source.columns + ", " + reached_products());
    account_page page;
    page.total = listed.total;
    page.stamp = listed.stamp;
    page.more = listed.more;
    if (!listed.rows.empty()) {
        page.next_after = keyset_boundary{true, listed.rows.back().sort_key, listed.rows.back().row.first.id};
    }
    for (auto const& row : listed.rows) {
        auto const& [account, products] = row.row;
        if (!products.empty()) page.product_access[account.id] = products;
        page.accounts.push_back(account);
    }
    return page;
}

std::string explain_list_managed_accounts(session& s, std::string const& organization_id,
                                          managed_accounts_query const& query) {
    return explain_listing(s, managed_accounts_source, listing_of(organization_id, query));
}

std::optional<std::string> set_lifecycle(session& s, std::string const& account_id, domain::lifecycle state,
                                         int deletion_due_in_days) {
    sql_text sql;
    sql << "UPDATE accounts SET lifecycle = ";
    sql.bind(std::string(domain::to_string(state))) << ", deletion_due_at = ";
    if (state == domain::lifecycle::pending_deletion) {
        sql << "now() + make_interval(days => CAST(";
        sql.bind_number(deletion_due_in_days) << " AS int))";
    } else {
        sql << "NULL";
    }
    if (state == domain::lifecycle::deleted) sql << ", " << erased_personal_data;
    sql << " WHERE id = CAST(";
    sql.bind(account_id) << " AS uuid) RETURNING " SCIMD_SQL_RFC3339("deletion_due_at") " AS deletion_due_at";
    std::optional<std::string> due;
    for (auto const& r : s.run(sql)) due = r.nullable_text("deletion_due_at");
    return due;
}

void update_profile(session& s, std::string const& account_id,
                    std::vector<std::pair<profile_field, std::optional<std::string>>> const& fields) {
    if (fields.empty()) return;
    sql_text set;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        set << (i ? ", " : "") << profile_column(fields[i].first) << " = ";
        set.bind_nullable(fields[i].second);  // nullopt: NULL
    }
    update(s, account_id, std::move(set));
}

std::optional<std::string> set_two_step_exclusion(session& s, std::string const& account_id,
                                                  std::optional<std::string> const& until) {
    sql_text sql;
    sql << "UPDATE accounts SET two_step_excluded_until = CAST(";
    sql.bind_nullable(until) << " AS timestamptz) WHERE id = CAST(";  // nullopt: NULL
    sql.bind(account_id) << " AS uuid) RETURNING " SCIMD_SQL_RFC3339(
        "two_step_excluded_until") " AS two_step_excluded_until";
    std::optional<std::string> written;
    for (auto const& r : s.run(sql)) written = r.nullable_text("two_step_excluded_until");
    return written;
}

void require_password_reset(session& s, std::string const& account_id) {
    update(s, account_id, sql_text("password_reset_required = true"));
}

std::int64_t erase_due_accounts(session& s) {
    std::string const due_accounts =
        "SELECT id FROM accounts WHERE lifecycle = 'pending_deletion' AND deletion_due_at <= now()";
    // The SCIM records linking an erased account hold its personal data too: they go with it
    // (and their group memberships, by cascade).
    sql_text unlink;
    unlink << "DELETE FROM scim_users WHERE account_id IN (" << due_accounts << ")";
    s.run(unlink);
    // DOMAIN.md: a deleted account's memberships are gone: its site memberships here (with
    // their product access), its admin groups by the trigger of 010_group_admin.sql.
    sql_text leave;
    leave << "DELETE FROM site_memberships WHERE account_id IN (SELECT id FROM accounts WHERE lifecycle = "
             "'pending_deletion' AND deletion_due_at <= now())";
    s.run(leave);
    // So do its verification messages (their addresses), and its API tokens stop working.
    sql_text forget_messages;
    forget_messages << "DELETE FROM email_verifications WHERE account_id IN (" << due_accounts << ")";
    s.run(forget_messages);
    sql_text revoke_tokens;
    revoke_tokens << "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE account_id IN ("
                  << due_accounts << ")";
    s.run(revoke_tokens);
    // Its devices (addresses, user agents) and their sign-outs go too.
    sql_text forget_devices;
    forget_devices << "DELETE FROM account_devices WHERE account_id IN (" << due_accounts << ")";
    s.run(forget_devices);
    sql_text forget_sign_outs;
    forget_sign_outs << "DELETE FROM device_sign_outs WHERE account_id IN (" << due_accounts << ")";
    s.run(forget_sign_outs);
    sql_text erase;
    erase << "UPDATE accounts SET lifecycle = 'deleted', deletion_due_at = NULL, " << erased_personal_data
          << " WHERE lifecycle = 'pending_deletion' AND deletion_due_at <= now()";
    return s.run(erase).affected_rows();
}

managed_summary summarize_managed_accounts(session& s, std::string const& organization_id) {
    managed_summary out;
    if (!is_uuid(organization_id)) return out;
    // The live accounts are the list's tally (014_managed_account_listing.sql), read rather
    // than counted; the other counts are read in the same snapshot.
    s.in_snapshot([&] {
        auto sql = with_organization(organization_id);
        auto const total =
            sql.parameter(std::to_string(tally_listing(s, managed_accounts_source, organization_id).live));
        // Counted by sets rather than account by account (policy_sql.hpp's rule, without
        // joining 300,000 accounts to their policies): the deactivated and the enrolled accounts
        // are index ranges (accounts_claimed_by of 006_accounts.sql, accounts_two_step_enrolled
        // of 025_console_queries.sql); only the accounts assigned to one of the organization's
        // policies are joined; every other managed account is under the default policy. Secure
        // login (the seed's "SSO or MFA", domain::uses_secure_login): under a SAML single
        // sign-on policy, or enrolled in two-step verification.
        sql << ", pol AS (SELECT p.id, p.saml_sso, p.is_default FROM policies p "
               "JOIN org ON p.organization_id = org.id), ";
        sql << "live AS (SELECT CAST(" << total << " AS bigint) AS total, ";
        sql << "(SELECT count(*) FROM accounts a JOIN org ON a.claimed_by = org.id "
               "WHERE a.lifecycle IN ('deactivated', 'pending_deletion')) AS deactivated), "
               "enrolled AS (SELECT count(*) AS n FROM accounts a JOIN org ON a.claimed_by = org.id "
               "WHERE a.two_step_enrolled AND a.lifecycle <> 'deleted'), "
               "assigned AS (SELECT count(*) AS n, count(*) FILTER (WHERE p.saml_sso) AS sso, "
               "count(*) FILTER (WHERE a.two_step_enrolled) AS enrolled, "
               "count(*) FILTER (WHERE p.saml_sso OR a.two_step_enrolled) AS secure "
               "FROM pol p JOIN policy_accounts pa ON pa.policy_id = p.id JOIN accounts a ON a.id = pa.account_id "
               "JOIN org ON a.claimed_by = org.id WHERE a.lifecycle <> 'deleted'), "
               "by_default AS (SELECT coalesce(bool_or(saml_sso) FILTER (WHERE is_default), false) AS sso FROM pol) "
               "SELECT live.total, live.deactivated, "
               "assigned.sso + CASE WHEN by_default.sso THEN live.total - assigned.n ELSE 0 END AS sso, "
               "assigned.secure + CASE WHEN by_default.sso THEN live.total - assigned.n "
               "ELSE enrolled.n - assigned.enrolled END AS secure_login "
               "FROM live, enrolled, assigned, by_default";
        for (auto const& r : s.run(sql)) {
            out.total = r.number("total");
            out.deactivated = r.number("deactivated");
            out.secure_login = r.number("secure_login");
            out.sso = r.number("sso");
        }
    });
    return out;
}

}  // namespace scim::store
