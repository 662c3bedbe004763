#include "scim/store/users.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "identifiers.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

constexpr char const* user_columns =
    "id::text, directory_id::text, user_name, external_id, active::int, attributes::text, version, "
    SCIMD_SQL_RFC3339("created") ", " SCIMD_SQL_RFC3339("last_modified");

user_row to_user(soci::row const& r) {
    user_row u;
    u.id = r.get<std::string>(0);
    u.directory_id = r.get<std::string>(1);
    u.user_name = r.get<std::string>(2);
    if (r.get_indicator(3) == soci::i_ok) u.external_id = r.get<std::string>(3);
    u.active = r.get<int>(4) != 0;
    u.attributes_json = r.get<std::string>(5);
    u.version = r.get<long long>(6);
    u.created = r.get<std::string>(7);
    u.last_modified = r.get<std::string>(8);
    return u;
}

// userName is unique per directory ignoring case (index scim_users_user_name_key); the
// error names the clashing value rather than a constraint.
[[noreturn]] void throw_user_name_taken(std::string const& user_name) {
    throw core::error(core::error_type::uniqueness,
                      "userName \"" + user_name + "\" is already in use in this directory");
}

bool is_unique_violation(soci::soci_error const& e) {
    auto const* pg = dynamic_cast<soci::postgresql_soci_error const*>(&e);
    return pg && pg->sqlstate() == "23505";
}

std::optional<user_row> fetch_user(soci::session& s, std::string const& directory_id, std::string const& id,
                                   char const* suffix) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    soci::row r;
    s << std::string("SELECT ") + user_columns +
             " FROM scim_users WHERE id = CAST(:id AS uuid) AND directory_id = CAST(:dir AS uuid)" + suffix,
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
        s << std::string("INSERT INTO scim_users (id, directory_id, user_name, external_id, active, attributes) "
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
    return fetch_user(s, directory_id, id, " FOR UPDATE");
}

std::optional<user_row> update_user(soci::session& s, std::string const& directory_id, std::string const& id,
                                    user_fields const& fields) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return std::nullopt;
    std::string external_id = fields.external_id.value_or("");
    soci::indicator external_id_null = fields.external_id ? soci::i_ok : soci::i_null;
    int active = fields.active ? 1 : 0;
    soci::row r;
    try {
        s << std::string("UPDATE scim_users SET user_name = :user_name, external_id = :external_id, "
                         "active = :active <> 0, attributes = CAST(:attributes AS jsonb), version = version + 1, "
                         "last_modified = clock_timestamp() "
                         "WHERE id = CAST(:id AS uuid) AND directory_id = CAST(:dir AS uuid) RETURNING ") +
                 user_columns,
            soci::use(fields.user_name, "user_name"), soci::use(external_id, external_id_null, "external_id"),
            soci::use(active, "active"), soci::use(fields.attributes_json, "attributes"), soci::use(id, "id"),
            soci::use(directory_id, "dir"), soci::into(r);
    } catch (soci::soci_error const& e) {
        if (is_unique_violation(e)) throw_user_name_taken(fields.user_name);
        throw;
    }
    if (!s.got_data()) return std::nullopt;
    return to_user(r);
}

bool delete_user(soci::session& s, std::string const& directory_id, std::string const& id) {
    if (!is_uuid(id) || !is_uuid(directory_id)) return false;
    soci::statement st = (s.prepare << "DELETE FROM scim_users WHERE id = CAST(:id AS uuid) AND directory_id = CAST(:dir AS uuid)",
                          soci::use(id, "id"), soci::use(directory_id, "dir"));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

user_page list_users(soci::session& s, std::string const& directory_id, std::int64_t offset, std::int64_t limit) {
    user_page page;
    if (!is_uuid(directory_id)) return page;
    long long total = 0;
    s << "SELECT count(*) FROM scim_users WHERE directory_id = CAST(:dir AS uuid)", soci::use(directory_id, "dir"),
        soci::into(total);
    page.total = total;
    if (limit <= 0 || offset >= total) return page;
    long long off = offset;
    long long lim = limit;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string("SELECT ") + user_columns +
                          " FROM scim_users WHERE directory_id = CAST(:dir AS uuid) ORDER BY created, id "
                          "OFFSET :off LIMIT :lim",
         soci::use(directory_id, "dir"), soci::use(off, "off"), soci::use(lim, "lim"));
    for (auto const& r : rows) page.rows.push_back(to_user(r));
    return page;
}

}  // namespace scim::store
