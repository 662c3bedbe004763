#include "scim/store/journal.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "batch_cursor.hpp"
#include "export_places.hpp"
#include "identifiers.hpp"
#include "scim/protocol/normalization_kinds.hpp"
#include "session.hpp"

namespace scim::store {
namespace {

namespace json = boost::json;

// A value the entry may lack, bound either way (NULL when absent) so that the statement's
// text is the same for every entry.
void bind_optional(sql_text& sql, std::optional<std::string> const& value, char const* cast) {
    sql << "CAST(";
    sql.bind_nullable(value) << " AS " << cast << ")";
}

void bind_json(sql_text& sql, json::value const& value) {
    sql << "CAST(";
    sql.bind(json::serialize(value)) << " AS jsonb)";
}

// The kinds of the tolerance rules the entry lists (protocol/normalization_kinds.hpp) as an
// array literal, NULL when none (025_console_queries.sql). Kind ids are [a-z-] only.
std::optional<std::string> kinds_array(json::value const& normalized) {
    auto const kinds = protocol::normalization_kinds_of(normalized);
    if (kinds.empty()) return std::nullopt;
    std::string out = "{";
    for (auto const& k : kinds) out += (out.size() > 1 ? "," : "") + k;
    return out + "}";
}

// INSERT … VALUES: `values` opens with the organization, directory, actor and admin token
// columns; the record's follow.
void insert(session& s, sql_text values, journal_record const& r) {
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
    values.bind_number(r.status) << " AS integer), ";
    bind_optional(values, r.scim_type, "text");
    values << ", ";
    bind_optional(values, r.detail, "text");
    values << ", ";
    bind_optional(values, r.action, "text");
    values << ", ";
    bind_optional(values, r.error, "text");
    values << ", ";
    bind_optional(values, kinds_array(r.normalized), "text[]");
    values << ")";
    s.run(
        values.after("INSERT INTO journal_entries (organization_id, directory_id, actor, admin_token_id, "
                     "request_id, method, path, resource_type, resource_id, account_id, request, normalized, "
                     "diff, status, scim_type, detail, action, error, normalization_kinds) VALUES ("));
}

json::value json_column(sql_row const& r, char const* column) {
    auto const text = r.nullable_text(column);
    return text ? json::parse(*text) : json::value(nullptr);
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

char const* actor_name(journal_actor actor) {
    switch (actor) {
        case journal_actor::directory: return "directory";
        case journal_actor::admin: return "admin";
        case journal_actor::account: return "account";
    }
    return "directory";
}

// The entries `query` selects (its limit and position aside), newest first.
sql_text entries_of(journal_query const& query) {
    sql_text sql;
    // The label is the token's: labels never change, so that it is the label the token had.
    sql << "SELECT j.id, to_char(j.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS "
           "occurred_at, "
           "j.actor, j.directory_id::text AS directory_id, j.admin_token_id, t.label AS admin_token_label, "
           "j.request_id, j.method, j.path, "
           "j.resource_type, j.resource_id, j.account_id::text AS account_id, j.request::text AS request, "
           "j.normalized::text AS normalized, j.diff::text AS diff, j.status, j.scim_type, j.detail, j.action, "
           "j.error "
           "FROM journal_entries j LEFT JOIN admin_tokens t ON t.id = j.admin_token_id WHERE j.organization_id = "
           "CAST(";
    sql.bind(query.organization_id) << " AS uuid)";
    uuid_condition(sql, "j.directory_id", query.directory_id);
    uuid_condition(sql, "j.account_id", query.account_id);
    // Actor and outcome are written as literals, never binds: a prepared statement's generic
    // plan can use a partial index only when its query names the index's predicate
    // (020_admin_audit.sql, 025_console_lists.sql).
    if (query.actor) sql << " AND j.actor = '" << actor_name(*query.actor) << "'";
    if (query.outcome)
        sql << (*query.outcome == journal_outcome::failure ? " AND j.status >= 400" : " AND j.status < 400");
    if (query.admin_token_id) {
        sql << " AND j.admin_token_id = ";
        sql.bind(*query.admin_token_id);
    }
    if (query.action) {
        sql << " AND j.action = ";
        sql.bind(*query.action);
    }
    if (query.since) {
        sql << " AND j.occurred_at >= CAST(";
        sql.bind(*query.since) << " AS timestamptz)";
    }
    if (query.until) {
        sql << " AND j.occurred_at < CAST(";
        sql.bind(*query.until) << " AS timestamptz)";
    }
    if (query.before_time && query.before_id) {
        sql << " AND (j.occurred_at, j.id) < (CAST(";
        sql.bind(*query.before_time) << " AS timestamptz), CAST(";
        sql.bind_number(*query.before_id) << " AS bigint))";
    }
    sql << " ORDER BY j.occurred_at DESC, j.id DESC";
    return sql;
}

journal_entry entry_of(sql_row const& r) {
    journal_entry e;
    e.id = r.number("id");
    e.time = r.text("occurred_at");
    e.actor = r.text("actor");
    e.directory_id = r.nullable_text("directory_id");
    e.admin_token_id = r.nullable_text("admin_token_id");
    e.admin_token_label = r.nullable_text("admin_token_label");
    e.record.request_id = r.text("request_id");
    e.record.method = r.text("method");
    e.record.path = r.text("path");
    e.record.resource_type = r.text("resource_type");
    e.record.resource_id = r.nullable_text("resource_id");
    e.record.account_id = r.nullable_text("account_id");
    e.record.request = json_column(r, "request");
    e.record.normalized = json_column(r, "normalized");
    e.record.diff = json_column(r, "diff").as_object();
    e.record.status = static_cast<int>(r.number("status"));
    e.record.scim_type = r.nullable_text("scim_type");
    e.record.detail = r.nullable_text("detail");
    e.record.action = r.nullable_text("action");
    e.record.error = r.nullable_text("error");
    return e;
}

}  // namespace

void append_directory_entry(session& s, std::string const& directory_id, journal_record const& record) {
    sql_text values;
    values << "(SELECT d.organization_id FROM directories d WHERE d.id = CAST(";
    values.bind(directory_id) << " AS uuid)), CAST(";
    values.bind(directory_id) << " AS uuid), 'directory', NULL";
    insert(s, std::move(values), record);
}

void append_admin_entry(session& s, std::string const& organization_id, std::string const& admin_token_id,
                        journal_record const& record) {
    sql_text values;
    values << "CAST(";
    values.bind(organization_id) << " AS uuid), NULL, 'admin', ";
    values.bind(admin_token_id);
    insert(s, std::move(values), record);
}

void append_account_entry(session& s, std::string const& organization_id, journal_record const& record) {
    sql_text values;
    values << "CAST(";
    values.bind(organization_id) << " AS uuid), NULL, 'account', NULL";
    insert(s, std::move(values), record);
}

std::vector<journal_entry> list_journal(session& s, journal_query const& query) {
    std::vector<journal_entry> out;
    if (!is_uuid(query.organization_id) || query.limit <= 0) return out;
    auto sql = entries_of(query);
    sql << " LIMIT ";
    sql.bind_number(query.limit);
    for (auto const& r : s.run(sql)) out.push_back(entry_of(r));
    return out;
}

std::string explain_list_journal(session& s, journal_query const& query) {
    std::string plan;
    if (!is_uuid(query.organization_id) || query.limit <= 0) return plan;
    auto sql = entries_of(query);
    sql << " LIMIT ";
    sql.bind_number(query.limit);
    for (auto const& r : s.run_once(sql.after("EXPLAIN "))) plan += r.text("\"QUERY PLAN\"") + "\n";
    return plan;
}

journal_export::journal_export(lease connection, journal_query const& query, std::size_t places)
    : cursor_(std::make_unique<batch_cursor>(std::move(connection))) {
    take_export_place(cursor_->session(), places);
    cursor_->open(entries_of(query));
}

journal_export::~journal_export() = default;

std::vector<journal_entry> journal_export::next_batch(std::size_t batch_rows) {
    std::vector<journal_entry> out;
    cursor_->fetch(batch_rows, [&](sql_row const& r) { out.push_back(entry_of(r)); });
    return out;
}

std::int64_t erase_journal_older_than(session& s, int days) {
    sql_text sql("DELETE FROM journal_entries WHERE occurred_at < now() - make_interval(days => CAST(");
    sql.bind_number(days) << " AS integer))";
    return s.run(sql).affected_rows();
}

}  // namespace scim::store
