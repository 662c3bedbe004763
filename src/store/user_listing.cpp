#include "scim/store/user_listing.hpp"

#include <algorithm>

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "scim/core/error.hpp"
#include "user_rows.hpp"

namespace scim::store {
namespace {

using protocol::bound_path;

// emails mirrored by trigger into scim_user_emails (schemas/sql/002_query.sql).
side_table const user_emails{
    "scim_user_emails",
    [](std::string const& alias) { return alias + ".user_id = u.id AND " + alias + ".directory_id = u.directory_id"; },
    [](std::string const& alias, protocol::attribute const& sub) -> std::optional<sql_value> {
        if (sub.name == "value") return sql_value{sql_form::text, alias + ".value"};
        if (sub.name == "type") return sql_value{sql_form::text, alias + ".type"};
        if (sub.name == "display") return sql_value{sql_form::text, alias + ".display"};
        if (sub.name == "primary") return sql_value{sql_form::boolean, alias + ".is_primary"};
        return std::nullopt;
    },
};

std::optional<sql_value> user_column(bound_path const& path) {
    if (!path.attribute) return std::nullopt;
    auto const& name = path.attribute->name;
    if (path.common) {
        if (name == "id") return sql_value{sql_form::uuid, "u.id"};
        if (name == "externalId") return sql_value{sql_form::text, "u.external_id"};
        // meta (RFC 7643 §3.1) is the server's: all of it comes from columns.
        if (!path.sub_attribute) return sql_value{sql_form::boolean, "TRUE"};
        auto const& sub = path.sub_attribute->name;
        if (sub == "created") return sql_value{sql_form::timestamp, "u.created"};
        if (sub == "lastModified") return sql_value{sql_form::timestamp, "u.last_modified"};
        if (sub == "version") return sql_value{sql_form::text, "('W/\"' || u.version || '\"')"};
        if (sub == "resourceType") return sql_value{sql_form::text, "'User'"};
        // meta.location depends on the URL the client used; it is not stored.
        throw core::error(core::error_type::invalid_filter, "meta." + sub + " cannot be filtered or sorted on");
    }
    if (!path.schema_urn.empty() || path.sub_attribute) return std::nullopt;
    if (name == "userName") return sql_value{sql_form::text, "u.user_name"};
    if (name == "active") return sql_value{sql_form::boolean, "u.active"};
    // Users' groups come from group membership, and scimd stores no groups yet: no user is
    // in any group, which is exactly what an absent value evaluates to.
    if (name == "groups") return sql_value{sql_form::absent, ""};
    return std::nullopt;
}

resource_table const users_table{
    "u.attributes",
    user_column,
    [](bound_path const& path) -> side_table const* {
        bool const emails = path.attribute && path.schema_urn.empty() && !path.common && path.attribute->name == "emails";
        return emails ? &user_emails : nullptr;
    },
    "u.search_document",
};

// Runs `sql` with its placeholder values bound by position.
template <typename Each>
void for_each_row(soci::session& s, sql_text const& sql, Each const& each) {
    soci::row r;
    soci::statement st(s);
    for (auto const& value : sql.values()) st.exchange(soci::use(value));
    st.exchange(soci::into(r));
    st.alloc();
    st.prepare(sql.text());
    st.define_and_bind();
    if (!st.execute(true)) return;
    do {
        each(r);
    } while (st.fetch());
}


bool travels_forward(user_listing_request const& request) {
    return !request.boundary || request.boundary->forward;
}

// The WHERE clause (after FROM) shared by the count and the page.
sql_text listing_where(user_listing_request const& request) {
    sql_text where;
    where << " FROM scim_users u WHERE u.directory_id = CAST(";
    where.bind(request.directory_id) << " AS uuid)";
    if (request.filter) {
        where << " AND ";
        emit_filter(where, *request.filter, users_table);
    }
    return where;
}

// The page: the rows after the boundary or offset, in the order of travel, one more than
// the limit.
sql_text listing_page(user_listing_request const& request) {
    sort_expression const sort =
        request.sort_by ? sort_expression_for(*request.sort_by, users_table) : sort_expression{"u.created", "timestamptz", false};
    // The order of travel: the listing order, reversed when paging backwards from a cursor.
    bool const forward = travels_forward(request);
    bool const travel_descending = request.descending != !forward;
    char const* const direction = travel_descending ? " DESC" : " ASC";
    // Missing values sort last in the listing (so first when travelling backwards).
    char const* const nulls = forward ? " NULLS LAST" : " NULLS FIRST";

    sql_text query = listing_where(request);
    if (auto const& b = request.boundary) {
        if (!is_uuid(b->id)) throw core::error(core::error_type::invalid_cursor, "the cursor does not name a row");
        std::string const cmp = travel_descending ? " < " : " > ";
        auto key = [&] {
            query << "CAST(";
            query.bind(*b->sort_key) << " AS " << sort.sql_type << ")" << (sort.collate_c ? " COLLATE \"C\"" : "");
        };
        auto id = [&] {
            query << "CAST(";
            query.bind(b->id) << " AS uuid)";
        };
        query << " AND ";
        if (b->sort_key) {
            // Row comparison, which a btree on (directory_id, <sort>, id) serves as one range.
            query << "((" << sort.sql << ", u.id)" << cmp << "(";
            key();
            query << ", ";
            id();
            query << ")" << (forward ? " OR " + sort.sql + " IS NULL)" : ")");
        } else {
            query << "(" << (forward ? "" : sort.sql + " IS NOT NULL OR ") << "(" << sort.sql << " IS NULL AND u.id" << cmp;
            id();
            query << "))";
        }
    }
    query << " ORDER BY " << sort.sql << direction << nulls << ", u.id" << direction;
    // One row more than asked tells whether there are more.
    query << " LIMIT " << std::to_string(request.limit + 1);
    if (!request.boundary && request.offset > 0) query << " OFFSET " << std::to_string(request.offset);

    return query.after(std::string("SELECT ") + user_columns + ", (" + sort.sql + ")::text");
}

}  // namespace

user_listing list_users(soci::session& s, user_listing_request const& request) {
    user_listing out;
    if (!is_uuid(request.directory_id)) return out;
    for_each_row(s, listing_where(request).after("SELECT count(*)"),
                 [&](soci::row const& r) { out.total = r.get<long long>(0); });
    if (request.limit <= 0) return out;
    for_each_row(s, listing_page(request), [&](soci::row const& r) {
        listed_user u{to_user(r), std::nullopt};
        if (r.get_indicator(user_column_count) == soci::i_ok) u.sort_key = r.get<std::string>(user_column_count);
        out.rows.push_back(std::move(u));
    });
    if (static_cast<std::int64_t>(out.rows.size()) > request.limit) {
        out.more = true;
        out.rows.pop_back();
    }
    if (!travels_forward(request)) std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

std::string explain_list_users(soci::session& s, user_listing_request const& request) {
    std::string plan;
    if (!is_uuid(request.directory_id)) return plan;
    for_each_row(s, listing_page(request).after("EXPLAIN "), [&](soci::row const& r) {
        plan += r.get<std::string>(0) + "\n";
    });
    return plan;
}

}  // namespace scim::store
