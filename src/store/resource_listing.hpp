#pragma once
// The listing queries (scim/store/listing_query.hpp) for any resource table: the count, the page in
// the order of travel, and its plan.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "filter_sql.hpp"
#include "identifiers.hpp"
#include "scim/store/listing_query.hpp"
#include "session.hpp"

namespace scim::store {

// Where a listing's rows are counted: a tally table with its unfolded changes, keyed by the
// owner (schemas/sql/013_listing.sql, 014_managed_account_listing.sql).
struct tally_tables {
    std::string tallies;  // "resource_tallies"
    std::string changes;  // "resource_tally_changes"
    std::string owner;    // their column naming the owner: "directory_id"
    std::string type;     // their resource_type of the rows ("User"), or "" when keyed by owner alone
};

// The tallies of a directory's SCIM resources of `resource_type` ("User", "Group").
inline tally_tables resource_tallies_of(std::string resource_type) {
    return {"resource_tallies", "resource_tally_changes", "directory_id", std::move(resource_type)};
}

// Rows in creation order: a resource table's `created` column (each has its btree).
inline sort_expression creation_order(std::string const& alias) {
    return {alias + ".created", "timestamptz", false, false};
}

// Where a resource type's rows are and how they are read.
struct listing_source {
    std::string from;     // "scim_users u"
    std::string alias;    // "u": the alias `from` gives the table
    std::string columns;  // the select list of one row (the sort key is added as sort_key)
    resource_table const* table = nullptr;
    std::string owner;      // the column of `alias` that names the rows' owner: "directory_id"
    std::string listed;     // what every listed row also satisfies ("" for none)
    sort_expression order;  // the listing's order when the request names none
    tally_tables tally;
};

// The FROM and WHERE clauses of a listing (the directory, and the filter compiled to SQL once),
// which the count and the page share; `row_local` as emit_filter answers (true without one).
struct listing_condition {
    sql_text where;
    bool row_local = true;
};
listing_condition listing_where(listing_source const& source, listing_request const& request);

// Rows counted, or the rows of a directory, and the write stamp read with them.
struct listing_tally {
    std::int64_t live = 0;
    std::int64_t stamp = 0;
};

// How many rows `where` matches.
std::int64_t count_listing(session& s, sql_text const& where);

// How many rows `where` matches, with the write stamp of `source` in the same snapshot.
listing_tally count_listing_with_stamp(session& s, listing_source const& source, std::string const& owner_id,
                                       sql_text const& where);

// How many rows of `source` the owner has, and its write stamp, read from its tally: exact in
// the reader's snapshot, whatever the number of rows (schemas/sql/013_listing.sql).
listing_tally tally_listing(session& s, listing_source const& source, std::string const& owner_id);

// How a page is read: in the order of travel (the listing order, or its reverse), skipping
// `offset` rows and reading one more than `limit`.
struct page_travel {
    bool forward = true;
    std::int64_t limit = 0;
    std::int64_t offset = 0;
    // For a skip over a sort that rows may have no value for: how many rows there are with a
    // value and without one (the listing's total split), so that each part skips its own rows
    // by index instead of both being read up to the page and merged (listing_page).
    std::optional<std::pair<std::int64_t, std::int64_t>> parts;
};

// How many rows `where` matches without a value for the listing's sort (0 when the sort is
// never missing): with the total, the parts of page_travel.
std::int64_t count_without_sort_value(session& s, listing_source const& source, listing_request const& request,
                                      sql_text const& where);

// The travel for `request`. Index paging that starts past the middle of `total` rows (when
// known) reads backwards from the end, so a page near the end skips few rows.
page_travel travel_for(listing_request const& request, std::optional<std::int64_t> total);

// The page query over `where`: the rows after the boundary or offset, in the order of travel;
// each row is `columns` and the sort key as text (sort_key).
sql_text listing_page(listing_source const& source, listing_request const& request, page_travel const& travel,
                      sql_text const& where, std::string const& columns);

// id, externalId and meta (RFC 7643 §3.1), which every resource table keeps in the columns
// id, external_id, created, last_modified and version. Throws core::error(invalid_filter) for
// meta.location, which depends on the URL the client used and is not stored.
std::optional<sql_value> common_column(protocol::bound_path const& path, std::string const& alias,
                                       std::string const& resource_type);

std::string explain_listing(session& s, listing_source const& source, listing_request const& request);

// The whole listing of `request`; `read` makes a Row of a result row, whose select list is
// `columns` (source.columns, or more). totalResults is exact (RFC 7644 §3.4.2): from the tally
// when there is no filter, from the page itself when the page holds the last matching row,
// from a count otherwise.
template <typename Row, typename Read>
listing<Row> list_rows(session& s, listing_source const& source, listing_request const& request, Read const& read,
                       std::string const& columns) {
    listing<Row> out;
    if (!is_uuid(request.owner_id)) return out;
    auto const condition = listing_where(source, request);
    auto const& where = condition.where;
    auto const read_listing = [&] {
        std::optional<std::int64_t> total;
        listing_request resumed = request;
        // A filter that reads the row alone matches the same rows while the stamp stays: its
        // count from an earlier page of the listing still holds.
        auto const count = [&]() -> std::int64_t {
            if (!condition.row_local) return count_listing(s, where);
            if (auto const& known = request.counted) {
                auto const tally = tally_listing(s, source, request.owner_id);
                if (tally.stamp == known->stamp) {
                    out.stamp = tally.stamp;
                    return known->total;
                }
            }
            auto const counted = count_listing_with_stamp(s, source, request.owner_id, where);
            out.stamp = counted.stamp;
            return counted.live;
        };
        if (!request.filter) {
            auto const tally = tally_listing(s, source, request.owner_id);
            total = tally.live;
            out.stamp = tally.stamp;
            auto const& resume = request.resume;
            if (resume && !request.boundary && request.offset > 0 && resume->offset == request.offset &&
                resume->stamp == tally.stamp && resume->after.forward) {
                // Nothing changed since the page that ended there: seek past its last row.
                resumed.boundary = resume->after;
                resumed.offset = 0;
            }
        } else if (request.limit <= 0 || (!request.boundary && request.offset > 0)) {
            // Counted first: a deep page then knows whether to read from the end.
            total = count();
        }
        if (request.limit > 0) {
            auto travel = travel_for(resumed, total);
            if (travel.offset > 0 && total && !resumed.boundary) {
                auto const without = count_without_sort_value(s, source, resumed, where);
                travel.parts = std::pair{*total - without, without};
            }
            for (auto const& r : s.run(listing_page(source, resumed, travel, where, columns))) {
                out.rows.push_back(listed<Row>{read(r), r.nullable_text("sort_key")});
            }
            auto const read_rows = static_cast<std::int64_t>(out.rows.size());
            if (read_rows > travel.limit) out.rows.pop_back();
            auto const shown = static_cast<std::int64_t>(out.rows.size());
            if (travel.forward != (!resumed.boundary || resumed.boundary->forward)) {
                // Read from the end: the rows came last first, and what lies beyond is known
                // from the total.
                out.more = request.offset + shown < *total;
            } else {
                out.more = read_rows > travel.limit;
            }
            if (!travel.forward) std::reverse(out.rows.begin(), out.rows.end());
            // A first or later index page that reached the end holds the last matching row.
            if (!total && !request.boundary && !out.more && (request.offset == 0 || shown > 0)) {
                total = request.offset + shown;
            }
        }
        out.total = total ? *total : count();
    };
    // Several statements read one snapshot, so that the total and the page agree.
    if (!request.filter || request.offset > 0 || request.boundary) {
        s.in_snapshot(read_listing);
    } else {
        read_listing();
    }
    return out;
}

}  // namespace scim::store
