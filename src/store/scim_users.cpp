#include "scim/store/scim_users.hpp"

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "scim_user_columns.hpp"
#include "session.hpp"
#include "sql_errors.hpp"
#include "sql_states.hpp"

namespace scim::store {
namespace {

// userName is unique per directory ignoring case (index scim_users_user_name_key), and so is an
// account's link (index scim_users_account: one user per account and directory).
user_write written(session& s, sql_text const& sql) {
    try {
        auto const rows = s.run(sql);
        if (rows.empty()) return {};
        return {to_user(rows.front()), false, false};
    } catch (sql_error const& e) {
        if (!e.is(sql_state::unique_violation)) throw;
        bool const account = e.constraint() == "scim_users_account";
        return {std::nullopt, !account, account};
    }
}

std::optional<user_row> first_user(sql_result const& rows) {
    if (rows.empty()) return std::nullopt;
    return to_user(rows.front());
}

std::optional<user_row> fetch_user(session& s, std::string const& directory_id, std::string const& id,
                                   char const* suffix, user_relations relations) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    sql_text sql("SELECT " + user_select_list(relations) + " FROM scim_users u WHERE u.id = CAST(");
    sql.bind(id) << " AS uuid) AND u.directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid)" << suffix;
    return first_user(s.run(sql));
}

}  // namespace

user_write insert_user(session& s, std::string const& directory_id, user_fields const& fields,
                       std::optional<std::string> const& account_id, user_relations relations) {
    sql_text sql(
        "INSERT INTO scim_users AS u (id, directory_id, user_name, external_id, active, attributes, account_id) "
        "VALUES (CAST(");
    sql.bind(core::random_uuid()) << " AS uuid), CAST(";
    sql.bind(directory_id) << " AS uuid), ";
    sql.bind(fields.user_name) << ", ";
    sql.bind_nullable(fields.external_id) << ", CAST(";
    sql.bind_flag(fields.active) << " AS boolean), CAST(";
    sql.bind(fields.attributes_json) << " AS jsonb), CAST(";
    sql.bind_nullable(account_id) << " AS uuid)) RETURNING " << user_select_list(relations);
    return written(s, sql);
}

std::optional<user_row> find_user(session& s, std::string const& directory_id, std::string const& id,
                                  user_relations relations) {
    return fetch_user(s, directory_id, id, "", relations);
}

std::optional<user_row> find_user_for_update(session& s, std::string const& directory_id, std::string const& id) {
    // NO KEY UPDATE: writes of a user never change its id, and this lock lets group changes
    // keep referencing the user meanwhile (a membership takes KEY SHARE on it).
    return fetch_user(s, directory_id, id, " FOR NO KEY UPDATE", {});
}

user_write update_user(session& s, std::string const& directory_id, std::string const& id, user_fields const& fields,
                       std::int64_t expected_version, user_relations relations) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return {};
    sql_text sql("UPDATE scim_users AS u SET user_name = ");
    sql.bind(fields.user_name) << ", external_id = ";
    sql.bind_nullable(fields.external_id) << ", active = CAST(";
    sql.bind_flag(fields.active) << " AS boolean), attributes = CAST(";
    sql.bind(fields.attributes_json) << " AS jsonb), version = version + 1, last_modified = clock_timestamp() "
                                        "WHERE id = CAST(";
    sql.bind(id) << " AS uuid) AND directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid) AND version = CAST(";
    sql.bind_number(expected_version) << " AS bigint) RETURNING " << user_select_list(relations);
    return written(s, sql);
}

bool delete_user(session& s, std::string const& directory_id, std::string const& id,
                 std::optional<std::int64_t> expected_version) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return false;
    // Deleting the user removes its memberships, which writes each of its groups (their member
    // count and version). Group changes lock the group before they reference a user, so the
    // groups are locked here before the user row is deleted: the same order, no deadlock.
    sql_text lock(
        "SELECT 1 AS locked FROM scim_groups g WHERE g.id IN (SELECT m.group_id FROM scim_group_members m "
        "WHERE m.user_id = CAST(");
    lock.bind(id) << " AS uuid)) ORDER BY g.id FOR UPDATE";
    s.run(lock);
    auto const version =
        expected_version ? std::optional<std::string>(std::to_string(*expected_version)) : std::nullopt;
    sql_text sql("DELETE FROM scim_users WHERE id = CAST(");
    sql.bind(id) << " AS uuid) AND directory_id = CAST(";
    sql.bind(directory_id) << " AS uuid) AND (CAST(";
    sql.bind_nullable(version) << " AS bigint) IS NULL OR version = CAST(";
    sql.bind_nullable(version) << " AS bigint))";
    return s.run(sql).affected_rows() > 0;
}

}  // namespace scim::store
