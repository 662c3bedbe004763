#pragma once
// The listing queries (scim/store/listing.hpp) for any resource table: the count, the page in
// the order of travel, and its plan.

#include <algorithm>
#include <cstdint>
#include <string>

#include <soci/soci.h>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "scim/store/listing.hpp"
#include "statements.hpp"

namespace scim::store {

// Where a resource type's rows are and how they are read.
struct listing_source {
    std::string from;              // "scim_users u"
    std::string alias;             // "u": the alias `from` gives the table
    std::string columns;           // the select list of one row
    int column_count = 0;          // its length; the sort key is read after it
    resource_table const* table = nullptr;
};

std::int64_t count_listing(soci::session& s, listing_source const& source, listing_request const& request);

// The page query: the rows after the boundary or offset, in the order of travel, one more
// than the limit; each row is `source.columns` followed by the sort key as text.
sql_text listing_page(listing_source const& source, listing_request const& request);

// id, externalId and meta (RFC 7643 §3.1), which every resource table keeps in the columns
// id, external_id, created, last_modified and version. Throws core::error(invalid_filter) for
// meta.location, which depends on the URL the client used and is not stored.
std::optional<sql_value> common_column(protocol::bound_path const& path, std::string const& alias,
                                       std::string const& resource_type);

std::string explain_listing(soci::session& s, listing_source const& source, listing_request const& request);

// The whole listing of `request`; `read` makes a Row of the first `source.column_count`
// columns of a result row.
template <typename Row, typename Read>
listing<Row> list_rows(soci::session& s, listing_source const& source, listing_request const& request, Read const& read) {
    listing<Row> out;
    if (!is_uuid(request.directory_id)) return out;
    out.total = count_listing(s, source, request);
    if (request.limit <= 0) return out;
    for_each_row(s, listing_page(source, request), [&](soci::row const& r) {
        listed<Row> l{read(r), std::nullopt};
        if (r.get_indicator(source.column_count) == soci::i_ok) l.sort_key = r.get<std::string>(source.column_count);
        out.rows.push_back(std::move(l));
    });
    if (static_cast<std::int64_t>(out.rows.size()) > request.limit) {
        out.more = true;
        out.rows.pop_back();
    }
    if (request.boundary && !request.boundary->forward) std::reverse(out.rows.begin(), out.rows.end());
    return out;
}

}  // namespace scim::store
