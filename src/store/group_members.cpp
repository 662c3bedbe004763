#include "scim/store/group_members.hpp"

#include <algorithm>

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "group_rows.hpp"
#include "identifiers.hpp"
#include "sql_errors.hpp"
#include "statements.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

// What a detail names at most, so that a request with 10,000 unknown ids gets a readable error.
constexpr std::size_t named_in_detail = 5;

[[noreturn]] void refuse_unknown(std::vector<std::string> const& unknown, std::size_t total) {
    std::string detail = total == 1 ? "no User with id " : std::to_string(total) + " members are no User of this directory: ";
    for (std::size_t i = 0; i < unknown.size(); ++i) detail += (i ? ", \"" : "\"") + unknown[i] + "\"";
    if (total > unknown.size()) detail += ", …";
    if (total == 1) detail += " in this directory";
    throw core::error(core::error_type::invalid_value, detail + "; no member was changed");
}

// `user_ids` as a uuid[] literal, once each is known to be a User of the directory.
// Throws core::error(invalid_value) naming those that are not.
std::string users_of_directory(soci::session& s, std::string const& directory_id, std::vector<std::string> const& user_ids) {
    std::vector<std::string> valid;
    std::vector<std::string> unknown;
    std::size_t unknown_total = 0;
    for (auto const& id : user_ids) {
        if (is_uuid(id)) {
            valid.push_back(id);
        } else if (++unknown_total <= named_in_detail) {
            unknown.push_back(id);
        }
    }
    auto ids = uuid_array(valid);
    if (valid.empty() && unknown_total == 0) return ids;
    // One indexed probe per id, before anything is written.
    sql_text missing;
    missing << "SELECT x.id::text, count(*) OVER () FROM unnest(CAST(";
    missing.bind(ids) << " AS uuid[])) AS x (id) WHERE NOT EXISTS (SELECT 1 FROM scim_users u WHERE u.id = x.id "
                         "AND u.directory_id = CAST(";
    missing.bind(directory_id) << " AS uuid)) LIMIT " << std::to_string(named_in_detail);
    std::size_t missing_total = 0;
    for_each_row(s, missing, [&](soci::row const& r) {
        if (unknown.size() < named_in_detail) unknown.push_back(r.get<std::string>(0));
        missing_total = static_cast<std::size_t>(r.get<long long>(1));
    });
    if (unknown_total + missing_total > 0) refuse_unknown(unknown, unknown_total + missing_total);
    return ids;
}

// Runs a change of the member table (an INSERT or DELETE on scim_group_members without
// RETURNING) and answers how many rows it changed; with a tally, it records them there too,
// reading back no more ids than the tally lists.
std::int64_t tallied(soci::session& s, sql_text const& change, protocol::member_tally* tally) {
    if (!tally) return execute(s, change);
    auto sql = change.after("WITH changed AS (");
    sql << " RETURNING user_id) SELECT (SELECT count(*) FROM changed), (SELECT string_agg(x.id, ',') FROM "
           "(SELECT user_id::text AS id FROM changed LIMIT "
        << std::to_string(protocol::journal_listed_ids) << ") x)";
    std::int64_t count = 0;
    std::vector<std::string> ids;
    for_each_row(s, sql, [&](soci::row const& r) {
        count = r.get<long long>(0);
        if (r.get_indicator(1) != soci::i_ok) return;
        auto const listed = r.get<std::string>(1);
        for (std::size_t at = 0; at <= listed.size();) {
            auto const comma = std::min(listed.find(',', at), listed.size());
            ids.push_back(listed.substr(at, comma - at));
            at = comma + 1;
        }
    });
    tally->record(count, ids);
    return count;
}

protocol::member_tally* added_to(protocol::member_delta* delta) { return delta ? &delta->added : nullptr; }
protocol::member_tally* removed_from(protocol::member_delta* delta) { return delta ? &delta->removed : nullptr; }

std::int64_t insert_members(soci::session& s, std::string const& group_id, std::string const& ids,
                            protocol::member_delta* delta) {
    sql_text insert;
    insert << "INSERT INTO scim_group_members (group_id, user_id) SELECT CAST(";
    insert.bind(group_id) << " AS uuid), x.id FROM unnest(CAST(";
    insert.bind(ids) << " AS uuid[])) AS x (id) ON CONFLICT DO NOTHING";
    try {
        return tallied(s, insert, added_to(delta));
    } catch (soci::soci_error const& e) {
        // 23503: a member was deleted by another request after users_of_directory saw it.
        if (sqlstate_of(e) != "23503") throw;
        throw core::error(core::error_type::invalid_value, "a member was deleted while it was being added; no member was changed");
    }
}

sql_text in_group(std::string const& group_id) {
    sql_text sql;
    sql << " WHERE m.group_id = CAST(";
    sql.bind(group_id) << " AS uuid)";
    return sql;
}

}  // namespace

std::int64_t add_members(soci::session& s, std::string const& directory_id, std::string const& group_id,
                         std::vector<std::string> const& user_ids, protocol::member_delta* delta) {
    if (user_ids.empty()) return 0;
    return insert_members(s, group_id, users_of_directory(s, directory_id, user_ids), delta);
}

std::int64_t replace_members(soci::session& s, std::string const& directory_id, std::string const& group_id,
                             std::vector<std::string> const& user_ids, protocol::member_delta* delta) {
    auto const ids = users_of_directory(s, directory_id, user_ids);
    // Only the difference is written: members that stay are not touched.
    auto sql = in_group(group_id).after("DELETE FROM scim_group_members m");
    sql << " AND m.user_id <> ALL (CAST(";
    sql.bind(ids) << " AS uuid[]))";
    tallied(s, sql, removed_from(delta));
    return user_ids.empty() ? 0 : insert_members(s, group_id, ids, delta);
}

std::int64_t remove_members(soci::session& s, std::string const& group_id, std::vector<std::string> const& user_ids,
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

std::int64_t remove_matching_members(soci::session& s, std::string const& group_id,
                                     protocol::bound_filter const& condition, protocol::member_delta* delta) {
    if (!is_uuid(group_id)) return 0;
    auto sql = in_group(group_id).after("DELETE FROM scim_group_members m");
    sql << " AND ";
    emit_element_filter(sql, condition, group_members_side_table(), "m");
    return tallied(s, sql, removed_from(delta));
}

std::int64_t remove_all_members(soci::session& s, std::string const& group_id, protocol::member_delta* delta) {
    if (!is_uuid(group_id)) return 0;
    return tallied(s, in_group(group_id).after("DELETE FROM scim_group_members m"), removed_from(delta));
}

std::int64_t member_count(soci::session& s, std::string const& group_id) {
    if (!is_uuid(group_id)) return 0;
    long long count = 0;
    s << "SELECT member_count FROM scim_groups WHERE id = CAST(:g AS uuid)", soci::use(group_id), soci::into(count);
    return count;
}

std::vector<group_member> list_members(soci::session& s, std::string const& group_id,
                                       std::optional<std::string> const& after_user_id, std::int64_t offset,
                                       std::int64_t limit) {
    std::vector<group_member> out;
    if (!is_uuid(group_id) || limit <= 0 || (after_user_id && !is_uuid(*after_user_id))) return out;
    auto sql = in_group(group_id).after(
        "SELECT m.user_id::text, coalesce(u.attributes ->> 'displayName', u.user_name) "
        "FROM scim_group_members m JOIN scim_users u ON u.id = m.user_id");
    if (after_user_id) {
        sql << " AND m.user_id > CAST(";
        sql.bind(*after_user_id) << " AS uuid)";
    }
    sql << " ORDER BY m.user_id LIMIT " << std::to_string(limit);
    if (offset > 0) sql << " OFFSET " << std::to_string(offset);
    for_each_row(s, sql, [&](soci::row const& r) { out.push_back({r.get<std::string>(0), r.get<std::string>(1)}); });
    return out;
}

std::map<std::string, std::vector<group_reference>> groups_of_users(soci::session& s,
                                                                    std::vector<std::string> const& user_ids) {
    std::map<std::string, std::vector<group_reference>> out;
    auto const valid = uuids_among(user_ids);
    if (valid.empty()) return out;
    sql_text sql;
    sql << "SELECT m.user_id::text, g.id::text, g.display_name FROM scim_group_members m "
           "JOIN scim_groups g ON g.id = m.group_id WHERE m.user_id = ANY (CAST(";
    sql.bind(uuid_array(valid)) << " AS uuid[])) ORDER BY m.user_id, g.display_name, g.id";
    for_each_row(s, sql, [&](soci::row const& r) {
        out[r.get<std::string>(0)].push_back({r.get<std::string>(1), r.get<std::string>(2)});
    });
    return out;
}

}  // namespace scim::store
