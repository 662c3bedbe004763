#include "scim/store/users.hpp"

#include <soci/soci.h>

#include "identifiers.hpp"
#include "sql_errors.hpp"
#include "user_rows.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

// userName is unique per directory ignoring case (index scim_users_user_name_key); the
// error names the clashing value rather than a constraint.
[[noreturn]] void throw_user_name_taken(std::string const& user_name) {
    throw core::error(core::error_type::uniqueness,
                      "userName \"" + user_name + "\" is already in use in this directory");
}

bool is_unique_violation(soci::soci_error const& e) { return sqlstate_of(e) == "23505"; }

std::optional<user_row> fetch_user(soci::session& s, std::string const& directory_id, std::string const& id,
                                   char const* suffix) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    soci::row r;
    s << std::string("SELECT ") + user_columns +
             " FROM scim_users u WHERE u.id = CAST(:id AS uuid) AND u.directory_id = CAST(:dir AS uuid)" + suffix,
        soci::use(id, "id"), soci::use(directory_id, "dir"), soci::into(r);
    if (!s.got_data()) return std::nullopt;
    return to_user(r);
}

}  // namespace

user_row insert_user(soci::session& s, std::string const& directory_id, user_fields const& fields) {
    std::string id = core::random_uuid();
    std::string external_id = fields.external_id.value_or("");
    soci::indicator external_id_null = fields.external_id ? soci::i_ok : soci::i_null;
    int active = fields.active ? 1 : 0;
    soci::row r;
    try {
        s << std::string("INSERT INTO scim_users AS u (id, directory_id, user_name, external_id, active, attributes) "
                         "VALUES (CAST(:id AS uuid), CAST(:dir AS uuid), :user_name, :external_id, :active <> 0, "
                         "CAST(:attributes AS jsonb)) RETURNING ") +
                 user_columns,
            soci::use(id, "id"), soci::use(directory_id, "dir"), soci::use(fields.user_name, "user_name"),
            soci::use(external_id, external_id_null, "external_id"), soci::use(active, "active"),
            soci::use(fields.attributes_json, "attributes"), soci::into(r);
    } catch (soci::soci_error const& e) {
        if (is_unique_violation(e)) throw_user_name_taken(fields.user_name);
        throw;
    }
    return to_user(r);
}

std::optional<user_row> find_user(soci::session& s, std::string const& directory_id, std::string const& id) {
    return fetch_user(s, directory_id, id, "");
}

std::optional<user_row> find_user_for_update(soci::session& s, std::string const& directory_id,
                                             std::string const& id) {
    // NO KEY UPDATE: writes of a user never change its id, and this lock lets group changes
    // keep referencing the user meanwhile (a membership takes KEY SHARE on it).
    return fetch_user(s, directory_id, id, " FOR NO KEY UPDATE");
}

std::optional<user_row> update_user(soci::session& s, std::string const& directory_id, std::string const& id,
                                    user_fields const& fields, std::int64_t expected_version) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    long long version = expected_version;
    std::string external_id = fields.external_id.value_or("");
    soci::indicator external_id_null = fields.external_id ? soci::i_ok : soci::i_null;
    int active = fields.active ? 1 : 0;
    soci::row r;
    try {
        s << std::string("UPDATE scim_users AS u SET user_name = :user_name, external_id = :external_id, "
                         "active = :active <> 0, attributes = CAST(:attributes AS jsonb), version = version + 1, "
                         "last_modified = clock_timestamp() "
                         "WHERE id = CAST(:id AS uuid) AND directory_id = CAST(:dir AS uuid) AND version = :version "
                         "RETURNING ") +
                 user_columns,
            soci::use(fields.user_name, "user_name"), soci::use(external_id, external_id_null, "external_id"),
            soci::use(active, "active"), soci::use(fields.attributes_json, "attributes"), soci::use(id, "id"),
            soci::use(directory_id, "dir"), soci::use(version, "version"), soci::into(r);
    } catch (soci::soci_error const& e) {
        if (is_unique_violation(e)) throw_user_name_taken(fields.user_name);
        throw;
    }
    if (!s.got_data()) return std::nullopt;
    return to_user(r);
}

bool delete_user(soci::session& s, std::string const& directory_id, std::string const& id,
                 std::optional<std::int64_t> expected_version) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return false;
    // Deleting the user removes its memberships, which writes each of its groups (their member
    // count and version). Group changes lock the group before they reference a user, so the
    // groups are locked here before the user row is deleted: the same order, no deadlock.
    s << "SELECT 1 FROM scim_groups g WHERE g.id IN (SELECT m.group_id FROM scim_group_members m "
         "WHERE m.user_id = CAST(:id AS uuid)) ORDER BY g.id FOR UPDATE",
        soci::use(id, "id");
    long long version = expected_version.value_or(0);
    soci::indicator any_version = expected_version ? soci::i_ok : soci::i_null;
    soci::statement st = (s.prepare << "DELETE FROM scim_users WHERE id = CAST(:id AS uuid) AND directory_id = CAST(:dir AS uuid) "
                                       "AND (CAST(:version AS bigint) IS NULL OR version = :version2)",
                          soci::use(id, "id"), soci::use(directory_id, "dir"), soci::use(version, any_version, "version"),
                          soci::use(version, any_version, "version2"));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

}  // namespace scim::store
