#include "scim/store/scim_group_members.hpp"

#include <algorithm>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "scim_group_columns.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"

namespace scim::store {
namespace {

// Splits comma-joined ids (string_agg of UUIDs, which hold no comma).
std::vector<std::string> split_ids(std::optional<std::string> const& joined) {
    std::vector<std::string> ids;
    if (!joined) return ids;
    for (std::size_t at = 0; at <= joined->size();) {
        auto const comma = std::min(joined->find(',', at), joined->size());
        ids.push_back(joined->substr(at, comma - at));
        at = comma + 1;
    }
    return ids;
}

// The UUIDs among `user_ids`; the others go into `additions` as unknown.
std::vector<std::string> uuids_of(std::vector<std::string> const& user_ids, member_additions& additions) {
    std::vector<std::string> valid;
    for (auto const& id : user_ids) {
        if (is_uuid(id)) {
            valid.push_back(id);
        } else if (++additions.unknown_total <= unknown_members_named) {
            additions.unknown.push_back(id);
        }
    }
    return valid;
}

// The UUIDs among `user_ids`; the others, and those that are no User of the directory, go into
// `additions` as unknown.
std::vector<std::string> users_of_directory(session& s, std::string const& directory_id,
                                            std::vector<std::string> const& user_ids, member_additions& additions) {
    auto valid = uuids_of(user_ids, additions);
    if (valid.empty()) return valid;
    // One indexed probe per id, before anything is written.
    sql_text missing;
    missing << "SELECT x.id::text AS id, count(*) OVER () AS missing FROM unnest(CAST(";
    missing.bind(uuid_array(valid)) << " AS uuid[])) AS x (id) WHERE NOT EXISTS (SELECT 1 FROM scim_users u "
                                       "WHERE u.id = x.id AND u.directory_id = CAST(";
    missing.bind(directory_id) << " AS uuid)) LIMIT ";
    missing.bind_number(unknown_members_named);
    std::size_t missing_total = 0;
    for (auto const& r : s.run(missing)) {
        if (additions.unknown.size() < unknown_members_named) additions.unknown.push_back(r.text("id"));
        missing_total = static_cast<std::size_t>(r.number("missing"));
    }
    additions.unknown_total += missing_total;
    return valid;
}

// Runs a change of the member table (an INSERT or DELETE on scim_group_members without
// RETURNING) and answers how many rows it changed; with a tally, it records them there too,
// reading back no more ids than the tally lists.
std::int64_t tallied(session& s, sql_text const& change, protocol::member_tally* tally) {
    if (!tally) return s.run(change).affected_rows();
    auto sql = change.after("WITH changed AS (");
    sql << " RETURNING user_id) SELECT (SELECT count(*) FROM changed) AS changed, (SELECT string_agg(x.id, ',') FROM "
           "(SELECT user_id::text AS id FROM changed LIMIT "
        << std::to_string(protocol::journal_listed_ids) << ") x) AS listed";
    auto const r = s.run(sql).front();
    auto const count = r.number("changed");
    tally->record(count, split_ids(r.nullable_text("listed")));
    return count;
}

protocol::member_tally* added_to(protocol::member_delta* delta) { return delta ? &delta->added : nullptr; }
protocol::member_tally* removed_from(protocol::member_delta* delta) { return delta ? &delta->removed : nullptr; }

void insert_members(session& s, std::string const& group_id, std::vector<std::string> const& ids,
                    protocol::member_delta* delta, member_additions& additions) {
    sql_text insert;
    insert << "INSERT INTO scim_group_members (group_id, user_id) SELECT CAST(";
    insert.bind(group_id) << " AS uuid), x.id FROM unnest(CAST(";
    insert.bind(uuid_array(ids)) << " AS uuid[])) AS x (id) ON CONFLICT DO NOTHING";
    try {
        additions.added = tallied(s, insert, added_to(delta));
    } catch (sql_error const& e) {
        // A member was deleted by another request after users_of_directory saw it.
        if (!e.is(sql_state::foreign_key_violation)) throw;
        additions.vanished = true;
    }
}

sql_text in_group(std::string const& group_id) {
    sql_text sql;
    sql << " WHERE m.group_id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    return sql;
}

}  // namespace

member_additions add_members(session& s, std::string const& directory_id, std::string const& group_id,
                             std::vector<std::string> const& user_ids, protocol::member_delta* delta) {
    member_additions additions;
    if (user_ids.empty()) return additions;
    auto const ids = uuids_of(user_ids, additions);
    if (ids.empty()) return additions;
    // One statement: every id checked against the directory's Users (one indexed probe each),
    // and the new members inserted only when all of them are Users — all or nothing.
    sql_text sql("WITH ids AS (SELECT x.id FROM unnest(CAST(");
    sql.bind(uuid_array(ids)) << " AS uuid[])) AS x (id)), known AS (SELECT i.id FROM ids i JOIN scim_users u "
                                 "ON u.id = i.id AND u.directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid)), added AS (INSERT INTO scim_group_members (group_id, user_id) SELECT CAST(";
    sql.bind(group_id) << " AS uuid), k.id FROM known k WHERE CAST(";
    sql.bind_flag(additions.unknown_total == 0)
        << " AS boolean) AND (SELECT count(*) FROM ids) = (SELECT count(*) FROM known) ON CONFLICT DO NOTHING "
           "RETURNING user_id) SELECT (SELECT count(*) FROM ids) - (SELECT count(*) FROM known) AS missing, "
           "(SELECT string_agg(m.id::text, ',') FROM (SELECT id FROM ids EXCEPT SELECT id FROM known LIMIT "
        << std::to_string(unknown_members_named)
        << ") m) AS unknown, (SELECT count(*) FROM added) AS added, (SELECT string_agg(a.id, ',') FROM "
           "(SELECT user_id::text AS id FROM added LIMIT "
        << std::to_string(protocol::journal_listed_ids) << ") a) AS listed";
    try {
        auto const r = s.run(sql).front();
        additions.unknown_total += static_cast<std::size_t>(r.number("missing"));
        for (auto& id : split_ids(r.nullable_text("unknown"))) {
            if (additions.unknown.size() < unknown_members_named) additions.unknown.push_back(std::move(id));
        }
        additions.added = r.number("added");
        if (delta) delta->added.record(additions.added, split_ids(r.nullable_text("listed")));
    } catch (sql_error const& e) {
        // A member was deleted by another request after the statement's check saw it.
        if (!e.is(sql_state::foreign_key_violation)) throw;
        additions.vanished = true;
    }
    return additions;
}

member_additions replace_members(session& s, std::string const& directory_id, std::string const& group_id,
                                 std::vector<std::string> const& user_ids, protocol::member_delta* delta) {
    member_additions additions;
    auto const ids = users_of_directory(s, directory_id, user_ids, additions);
    if (additions.unknown_total > 0) return additions;
    // Only the difference is written: members that stay are not touched.
    auto sql = in_group(group_id).after("DELETE FROM scim_group_members m");
    sql << " AND m.user_id <> ALL (CAST(";
    sql.bind(uuid_array(ids)) << " AS uuid[]))";
    tallied(s, sql, removed_from(delta));
    if (!ids.empty()) insert_members(s, group_id, ids, delta, additions);
    return additions;
}

std::int64_t remove_members(session& s, std::string const& group_id, std::vector<std::string> const& user_ids,
                            protocol::member_delta* delta) {
    std::vector<std::string> valid;
    for (auto const& id : user_ids) {
        if (is_uuid(id)) valid.push_back(id);  // anything else is no member: nothing to remove
    }
    if (valid.empty() || !is_uuid(group_id)) return 0;
    auto sql = in_group(group_id).after("DELETE FROM scim_group_members m");
    sql << " AND m.user_id = ANY (CAST(";
    sql.bind(uuid_array(valid)) << " AS uuid[]))";
    return tallied(s, sql, removed_from(delta));
}

std::int64_t remove_matching_members(session& s, std::string const& group_id, protocol::bound_filter const& condition,
                                     protocol::member_delta* delta) {
    if (!is_uuid(group_id)) return 0;
    auto sql = in_group(group_id).after("DELETE FROM scim_group_members m");
    sql << " AND ";
    emit_element_filter(sql, condition, group_members_side_table(), "m");
    return tallied(s, sql, removed_from(delta));
}

std::int64_t remove_all_members(session& s, std::string const& group_id, protocol::member_delta* delta) {
    if (!is_uuid(group_id)) return 0;
    return tallied(s, in_group(group_id).after("DELETE FROM scim_group_members m"), removed_from(delta));
}

std::int64_t member_count(session& s, std::string const& group_id) {
    if (!is_uuid(group_id)) return 0;
    sql_text sql("SELECT member_count FROM scim_groups WHERE id = CAST(");
    sql.bind(group_id) << " AS uuid)";
    auto const rows = s.run(sql);
    return rows.empty() ? 0 : rows.front().number("member_count");
}

std::vector<group_member> list_members(session& s, std::string const& group_id,
                                       std::optional<std::string> const& after_user_id, std::int64_t offset,
                                       std::int64_t limit) {
    std::vector<group_member> out;
    if (!is_uuid(group_id) || limit <= 0 || (after_user_id && !is_uuid(*after_user_id))) return out;
    auto sql = in_group(group_id).after(
        "SELECT m.user_id::text AS user_id, coalesce(u.attributes ->> 'displayName', u.user_name) AS display "
        "FROM scim_group_members m JOIN scim_users u ON u.id = m.user_id");
    if (after_user_id) {
        sql << " AND m.user_id > CAST(";
        sql.bind(*after_user_id) << " AS uuid)";
    }
    sql << " ORDER BY m.user_id LIMIT ";
    sql.bind_number(limit);
    if (offset > 0) {
        sql << " OFFSET ";
        sql.bind_number(offset);
    }
    for (auto const& r : s.run(sql)) out.push_back({r.text("user_id"), r.text("display")});
    return out;
}

std::map<std::string, std::vector<group_member>> first_members_of_groups(session& s,
                                                                         std::vector<std::string> const& group_ids,
                                                                         std::int64_t limit) {
    std::map<std::string, std::vector<group_member>> out;
    auto const valid = uuids_among(group_ids);
    if (valid.empty() || limit <= 0) return out;
    // LATERAL: each group's members come from its own index range, LIMIT rows deep.
    sql_text sql("SELECT g.id::text AS group_id, x.user_id, x.display FROM unnest(CAST(");
    sql.bind(uuid_array(valid)) << " AS uuid[])) AS g (id) CROSS JOIN LATERAL (SELECT m.user_id::text AS user_id, "
                                   "coalesce(u.attributes ->> 'displayName', u.user_name) AS display "
                                   "FROM scim_group_members m JOIN scim_users u ON u.id = m.user_id "
                                   "WHERE m.group_id = g.id ORDER BY m.user_id LIMIT ";
    sql.bind_number(limit) << ") x";
    for (auto const& r : s.run(sql)) out[r.text("group_id")].push_back({r.text("user_id"), r.text("display")});
    // SQL keeps each group's rows in id order only as the plan happens to (no ORDER BY over the
    // whole result, which would sort every row); the text form of a UUID sorts as the UUID does.
    for (auto& [group, members] : out) {
        if (!std::is_sorted(members.begin(), members.end(),
                            [](auto const& a, auto const& b) { return a.user_id < b.user_id; })) {
            std::sort(members.begin(), members.end(),
                      [](auto const& a, auto const& b) { return a.user_id < b.user_id; });
        }
    }
    return out;
}

}  // namespace scim::store
