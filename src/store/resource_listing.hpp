#pragma once
// The listing queries (scim/store/listing_query.hpp) for any resource table: the count, the page in
// the order of travel, and its plan.

#include <algorithm>
#include <cstdint>
#include <string>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "scim/store/listing_query.hpp"
#include "session.hpp"

namespace scim::store {

// Where a resource type's rows are and how they are read.
struct listing_source {
    std::string from;     // "scim_users u"
    std::string alias;    // "u": the alias `from` gives the table
    std::string columns;  // the select list of one row (the sort key is added as sort_key)
    resource_table const* table = nullptr;
};

// The FROM and WHERE clauses of a listing (the directory, and the filter compiled to SQL once),
// which the count and the page share.
sql_text listing_where(listing_source const& source, listing_request const& request);

// How many rows `where` matches.
std::int64_t count_listing(session& s, sql_text const& where);

// The page query over `where`: the rows after the boundary or offset, in the order of travel,
// one more than the limit; each row is `source.columns` and the sort key as text (sort_key).
sql_text listing_page(listing_source const& source, listing_request const& request, sql_text const& where,
                      std::string const& columns);

// id, externalId and meta (RFC 7643 §3.1), which every resource table keeps in the columns
// id, external_id, created, last_modified and version. Throws core::error(invalid_filter) for
// meta.location, which depends on the URL the client used and is not stored.
std::optional<sql_value> common_column(protocol::bound_path const& path, std::string const& alias,
                                       std::string const& resource_type);

std::string explain_listing(session& s, listing_source const& source, listing_request const& request);

// The whole listing of `request`; `read` makes a Row of a result row, whose select list is
// `columns` (source.columns, or more).
template <typename Row, typename Read>
listing<Row> list_rows(session& s, listing_source const& source, listing_request const& request, Read const& read,
                       std::string const& columns) {
    listing<Row> out;
    if (!is_uuid(request.directory_id)) return out;
    auto const where = listing_where(source, request);
    out.total = count_listing(s, where);
    if (request.limit <= 0) return out;
    for (auto const& r : s.run(listing_page(source, request, where, columns))) {
        out.rows.push_back(listed<Row>{read(r), r.nullable_text("sort_key")});
    }
    if (static_cast<std::int64_t>(out.rows.size()) > request.limit) {
        out.more = true;
        out.rows.pop_back();
    }
    if (request.boundary && !request.boundary->forward) std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

}  // namespace scim::store
