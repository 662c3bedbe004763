#include "scim/store/journal.hpp"

#include <soci/soci.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "row_values.hpp"
#include "statements.hpp"

namespace scim::store {
namespace {

namespace json = boost::json;

// A value the entry may lack: a bind when it has one, else NULL.
void bind_optional(sql_text& sql, std::optional<std::string> const& value, char const* cast) {
    if (!value) {
        sql << "NULL";
        return;
    }
    sql << "CAST(";
    sql.bind(*value) << " AS " << cast << ")";
}

void bind_json(sql_text& sql, json::value const& value) {
    sql << "CAST(";
    sql.bind(json::serialize(value)) << " AS jsonb)";
}

// INSERT … VALUES: `values` opens with the organization, directory, actor and admin token
// columns; the record's follow.
void insert(soci::session& s, sql_text values, journal_record const& r) {
    values << ", ";
    values.bind(r.request_id) << ", ";
    values.bind(r.method) << ", ";
    values.bind(r.path) << ", ";
    values.bind(r.resource_type) << ", ";
    bind_optional(values, r.resource_id, "text");
    values << ", ";
    // An account id that is no UUID (it came from a URL) names no account.
    bind_optional(values, r.account_id && is_uuid(*r.account_id) ? r.account_id : std::nullopt, "uuid");
    values << ", ";
    bind_json(values, r.request);
    values << ", ";
    bind_json(values, r.normalized);
    values << ", ";
    bind_json(values, r.diff);
    values << ", CAST(";
    values.bind(std::to_string(r.status)) << " AS integer), ";
    bind_optional(values, r.scim_type, "text");
    values << ", ";
    bind_optional(values, r.detail, "text");
    values << ")";
    execute(s, values.after("INSERT INTO journal_entries (organization_id, directory_id, actor, admin_token_id, "
                            "request_id, method, path, resource_type, resource_id, account_id, request, normalized, "
                            "diff, status, scim_type, detail) VALUES ("));
}

json::value json_column(soci::row const& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? json::parse(r.get<std::string>(i)) : json::value(nullptr);
}

// A UUID filter: bound when it can match, else a condition that matches nothing.
void uuid_condition(sql_text& sql, char const* column, std::optional<std::string> const& value) {
    if (!value) return;
    if (!is_uuid(*value)) {
        sql << " AND false";
        return;
    }
    sql << " AND " << column << " = CAST(";
    sql.bind(*value) << " AS uuid)";
}

}  // namespace

void append_directory_entry(soci::session& s, std::string const& directory_id, journal_record const& record) {
    sql_text values;
    values << "(SELECT d.organization_id FROM directories d WHERE d.id = CAST(";
    values.bind(directory_id) << " AS uuid)), CAST(";
    values.bind(directory_id) << " AS uuid), 'directory', NULL";
    insert(s, std::move(values), record);
}

void append_admin_entry(soci::session& s, std::string const& organization_id, std::string const& admin_token_id,
                        journal_record const& record) {
    sql_text values;
    values << "CAST(";
    values.bind(organization_id) << " AS uuid), NULL, 'admin', ";
    values.bind(admin_token_id);
    insert(s, std::move(values), record);
}

void append_account_entry(soci::session& s, std::string const& organization_id, journal_record const& record) {
    sql_text values;
    values << "CAST(";
    values.bind(organization_id) << " AS uuid), NULL, 'account', NULL";
    insert(s, std::move(values), record);
}

std::vector<journal_entry> list_journal(soci::session& s, journal_query const& query) {
    std::vector<journal_entry> out;
    if (!is_uuid(query.organization_id) || query.limit <= 0) return out;
    sql_text sql;
    sql << "SELECT id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), actor, "
           "directory_id::text, admin_token_id, request_id, method, path, resource_type, resource_id, account_id::text, "
           "request::text, normalized::text, diff::text, status, scim_type, detail FROM journal_entries "
           "WHERE organization_id = CAST(";
    sql.bind(query.organization_id) << " AS uuid)";
    uuid_condition(sql, "directory_id", query.directory_id);
    uuid_condition(sql, "account_id", query.account_id);
    if (query.since) {
        sql << " AND occurred_at >= CAST(";
        sql.bind(*query.since) << " AS timestamptz)";
    }
    if (query.until) {
        sql << " AND occurred_at < CAST(";
        sql.bind(*query.until) << " AS timestamptz)";
    }
    if (query.before_time && query.before_id) {
        sql << " AND (occurred_at, id) < (CAST(";
        sql.bind(*query.before_time) << " AS timestamptz), CAST(";
        sql.bind(std::to_string(*query.before_id)) << " AS bigint))";
    }
    sql << " ORDER BY occurred_at DESC, id DESC LIMIT " << std::to_string(query.limit);
    for_each_row(s, sql, [&](soci::row const& r) {
        journal_entry e;
        e.id = r.get<long long>(0);
        e.time = r.get<std::string>(1);
        e.actor = r.get<std::string>(2);
        e.directory_id = nullable_text(r, 3);
        e.admin_token_id = nullable_text(r, 4);
        e.record.request_id = r.get<std::string>(5);
        e.record.method = r.get<std::string>(6);
        e.record.path = r.get<std::string>(7);
        e.record.resource_type = r.get<std::string>(8);
        e.record.resource_id = nullable_text(r, 9);
        e.record.account_id = nullable_text(r, 10);
        e.record.request = json_column(r, 11);
        e.record.normalized = json_column(r, 12);
        e.record.diff = json_column(r, 13).as_object();
        e.record.status = r.get<int>(14);
        e.record.scim_type = nullable_text(r, 15);
        e.record.detail = nullable_text(r, 16);
        out.push_back(std::move(e));
    });
    return out;
}

std::int64_t erase_journal_older_than(soci::session& s, int days) {
    sql_text sql;
    sql << "DELETE FROM journal_entries WHERE occurred_at < now() - make_interval(days => CAST(";
    sql.bind(std::to_string(days)) << " AS integer))";
    return execute(s, sql);
}

}  // namespace scim::store
