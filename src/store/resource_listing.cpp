#include "resource_listing.hpp"

#include "identifiers.hpp"
#include "scim/core/error.hpp"

namespace scim::store {
namespace {

bool travels_forward(listing_request const& request) { return !request.boundary || request.boundary->forward; }

}  // namespace

sql_text listing_where(listing_source const& source, listing_request const& request) {
    sql_text where;
    where << " FROM " << source.from << " WHERE " << source.alias << ".directory_id = CAST(";
    where.bind(request.directory_id) << " AS uuid)";
    if (request.filter) {
        where << " AND ";
        emit_filter(where, *request.filter, *source.table);
    }
    return where;
}

std::int64_t count_listing(session& s, sql_text const& where) {
    return s.run(where.after("SELECT count(*) AS total")).front().number("total");
}

sql_text listing_page(listing_source const& source, listing_request const& request, sql_text const& where,
                      std::string const& columns) {
    auto const id_column = source.alias + ".id";
    sort_expression const sort = request.sort_by ? sort_expression_for(*request.sort_by, *source.table)
                                                 : sort_expression{source.alias + ".created", "timestamptz", false};
    // The order of travel: the listing order, reversed when paging backwards from a cursor.
    bool const forward = travels_forward(request);
    bool const travel_descending = request.descending != !forward;
    char const* const direction = travel_descending ? " DESC" : " ASC";
    // Missing values sort last in the listing (so first when travelling backwards).
    char const* const nulls = forward ? " NULLS LAST" : " NULLS FIRST";

    sql_text query = where;
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
            query << "((" << sort.sql << ", " << id_column << ")" << cmp << "(";
            key();
            query << ", ";
            id();
            query << ")" << (forward ? " OR " + sort.sql + " IS NULL)" : ")");
        } else {
            query << "(" << (forward ? "" : sort.sql + " IS NOT NULL OR ") << "(" << sort.sql << " IS NULL AND "
                  << id_column << cmp;
            id();
            query << "))";
        }
    }
    query << " ORDER BY " << sort.sql << direction << nulls << ", " << id_column << direction;
    // One row more than asked tells whether there are more.
    query << " LIMIT ";
    query.bind_number(request.limit + 1);
    if (!request.boundary && request.offset > 0) {
        query << " OFFSET ";
        query.bind_number(request.offset);
    }
    // The page's ids first, the rows' columns (subqueries of other tables among them) only for
    // the rows of the page: rows that OFFSET skips cost their index entries, not their columns.
    auto page = query.after("SELECT " + id_column + " AS page_id, " + sort.sql + " AS sort_value, (" + sort.sql +
                            ")::text AS sort_key");
    page = page.after("SELECT " + columns + ", p.sort_key FROM (");
    page << ") p JOIN " << source.from << " ON " << id_column << " = p.page_id ORDER BY p.sort_value" << direction
         << nulls << ", p.page_id" << direction;
    return page;
}

std::optional<sql_value> common_column(protocol::bound_path const& path, std::string const& alias,
                                       std::string const& resource_type) {
    auto const& name = path.attribute->name;
    if (name == "id") return sql_value{sql_form::uuid, alias + ".id"};
    if (name == "externalId") return sql_value{sql_form::text, alias + ".external_id"};
    // meta is the server's: all of it comes from columns.
    if (!path.sub_attribute) return sql_value{sql_form::boolean, "TRUE"};
    auto const& sub = path.sub_attribute->name;
    if (sub == "created") return sql_value{sql_form::timestamp, alias + ".created"};
    if (sub == "lastModified") return sql_value{sql_form::timestamp, alias + ".last_modified"};
    if (sub == "version") return sql_value{sql_form::text, "('W/\"' || " + alias + ".version || '\"')"};
    if (sub == "resourceType") return sql_value{sql_form::text, sql_literal(resource_type)};
    throw core::error(core::error_type::invalid_filter, "meta." + sub + " cannot be filtered or sorted on");
}

std::string explain_listing(session& s, listing_source const& source, listing_request const& request) {
    std::string plan;
    if (!is_uuid(request.directory_id)) return plan;
    auto const page = listing_page(source, request, listing_where(source, request), source.columns);
    for (auto const& r : s.run_once(page.after("EXPLAIN "))) plan += r.text("\"QUERY PLAN\"") + "\n";
    return plan;
}

}  // namespace scim::store
