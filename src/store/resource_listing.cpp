#include "resource_listing.hpp"

#include <algorithm>
#include <vector>

#include "identifiers.hpp"
#include "scim/core/error.hpp"

namespace scim::store {

listing_condition listing_where(listing_source const& source, listing_request const& request) {
    listing_condition out;
    auto& where = out.where;
    where << " FROM " << source.from << " WHERE " << source.alias << "." << source.owner << " = CAST(";
    where.bind(request.owner_id) << " AS uuid)";
    if (!source.listed.empty()) where << " AND " << source.listed;
    if (request.filter) {
        where << " AND ";
        out.row_local = emit_filter(where, *request.filter, *source.table);
    }
    return out;
}

std::int64_t count_listing(session& s, sql_text const& where) {
    return s.run(where.after("SELECT count(*) AS total")).front().number("total");
}

namespace {

// The folded tally of the rows of `owner` (a placeholder) plus the changes not folded yet
// (schemas/sql/013_listing.sql): `tally_column` of tables.tallies, `change_column` of
// tables.changes.
std::string tallied(char const* tally_column, char const* change_column, tally_tables const& tables,
                    std::string const& owner, sql_text& sql) {
    auto const of = [&](char const* alias) {
        auto rows = " WHERE " + std::string(alias) + "." + tables.owner + " = CAST(" + owner + " AS uuid)";
        if (!tables.type.empty())
            rows += " AND " + std::string(alias) + ".resource_type = " + sql.parameter(tables.type);
        return rows;
    };
    return "(coalesce((SELECT t." + std::string(tally_column) + " FROM " + tables.tallies + " t" + of("t") +
           "), 0) + coalesce((SELECT sum(c." + change_column + ") FROM " + tables.changes + " c" + of("c") + "), 0))";
}

}  // namespace

listing_tally tally_listing(session& s, listing_source const& source, std::string const& owner_id) {
    // A fold moves changes into the tally in a single transaction: one snapshot sees each once.
    sql_text sql;
    auto const owner = sql.parameter(owner_id);
    auto const live = tallied("live", "live_delta", source.tally, owner, sql);
    auto const stamp = tallied("writes", "writes", source.tally, owner, sql);
    sql << "SELECT " << live << " AS live, " << stamp << " AS stamp";
    auto const row = s.run(sql).front();
    return {row.number("live"), row.number("stamp")};
}

listing_tally count_listing_with_stamp(session& s, listing_source const& source, std::string const& owner_id,
                                       sql_text const& where) {
    sql_text sql = where;
    auto const owner = sql.parameter(owner_id);
    auto const stamp = tallied("writes", "writes", source.tally, owner, sql);
    auto const row = s.run(sql.with_text("SELECT count(*) AS live, " + stamp + " AS stamp" + where.text())).front();
    return {row.number("live"), row.number("stamp")};
}

page_travel travel_for(listing_request const& request, std::optional<std::int64_t> total) {
    page_travel travel;
    travel.forward = !request.boundary || request.boundary->forward;
    travel.limit = request.limit;
    travel.offset = request.boundary ? 0 : request.offset;
    if (request.boundary || !total) return travel;
    auto const end = std::min(*total, request.offset + request.limit);
    if (end <= request.offset) {
        travel.limit = 0;  // past the last row: nothing to read
    } else if (request.offset > *total - end) {
        // Fewer rows lie after the page than before it: skip those instead, from the end.
        travel.forward = false;
        travel.offset = *total - end;
        travel.limit = end - request.offset;
    }
    return travel;
}

namespace {

// One ordered part of a page: the rows with a sort value, or those without.
struct page_branch {
    bool keyed = true;      // the rows with a sort value (false: the rows without one)
    std::string condition;  // what else the rows must satisfy ("" for all)
};

}  // namespace

std::int64_t count_without_sort_value(session& s, listing_source const& source, listing_request const& request,
                                      sql_text const& where) {
    sort_expression const sort = request.sort_by ? sort_expression_for(*request.sort_by, *source.table) : source.order;
    if (!sort.nullable) return 0;
    // The sort's index holds the rows without a value as one range (listing_page's second branch).
    return s.run(where.with_text("SELECT count(*) AS n" + where.text() + " AND " + sort.sql + " IS NULL"))
        .front()
        .number("n");
}

sql_text listing_page(listing_source const& source, listing_request const& request, page_travel const& travel,
                      sql_text const& where, std::string const& columns) {
    auto const id_column = source.alias + ".id";
    sort_expression const sort = request.sort_by ? sort_expression_for(*request.sort_by, *source.table) : source.order;
    // The order of travel: the listing order, reversed when paging backwards from a cursor or
    // reading from the end.
    bool const travel_descending = request.descending != !travel.forward;
    char const* const direction = travel_descending ? " DESC" : " ASC";
    char const* const cmp = travel_descending ? " < " : " > ";

    sql_text query = where;  // its values, and the page's after them
    // Rows without a value sort last in the listing (RFC 7644 §3.4.2.3), so they come last
    // travelling forward and first travelling backward. Each kind is its own branch, ordered
    // the way a btree on (owner, <sort>, id) is, so that each is an index range that
    // stops after the rows it needs: one ORDER BY … NULLS LAST could not use a descending scan,
    // and `(sort, id) > (k, i) OR sort IS NULL` cannot seek.
    std::vector<page_branch> branches;
    auto const& b = request.boundary;
    // The rows after the boundary row, among those with a value and those without.
    std::string after_key;
    std::string after_id;
    if (b) {
        if (!is_uuid(b->id)) throw core::error(core::error_type::invalid_cursor, "the cursor does not name a row");
        auto const id = "CAST(" + query.parameter(b->id) + " AS uuid)";
        after_id = id_column + cmp + id;
        if (b->sort_key) {
            after_key = "(" + sort.sql + ", " + id_column + ")" + cmp + "(CAST(" + query.parameter(*b->sort_key) +
                        " AS " + sort.sql_type + ")" + (sort.collate_c ? " COLLATE \"C\"" : "") + ", " + id + ")";
        }
    }
    if (!sort.nullable) {
        if (b && !b->sort_key) throw core::error(core::error_type::invalid_cursor, "the cursor does not name a row");
        branches.push_back({true, after_key});
    } else if (!b) {
        branches = {{true, ""}, {false, ""}};
        if (!travel.forward) std::reverse(branches.begin(), branches.end());
    } else if (b->sort_key) {
        // In the order of travel. After a row with a value: the rest of those, then (forward)
        // every row without one.
        branches.push_back({true, after_key});
        if (b->forward) branches.push_back({false, ""});
    } else {
        // After a row without a value: the rest of those, then (backward) every row with one.
        branches.push_back({false, after_id});
        if (!b->forward) branches.push_back({true, ""});
    }
    // Each branch in the order of travel; one branch is the page itself, two are merged in
    // branch order (a sort of at most 2 × fetch ids).
    auto const branch_sql = [&](std::size_t i, std::string const& limit) {
        auto const& branch = branches[i];
        std::string sql = "SELECT " + std::to_string(i) + " AS branch, " + id_column + " AS page_id, " + sort.sql +
                          " AS sort_value, (" + sort.sql + ")::text AS sort_key" + where.text();
        if (sort.nullable) sql += " AND " + sort.sql + (branch.keyed ? " IS NOT NULL" : " IS NULL");
        if (!branch.condition.empty()) sql += " AND " + branch.condition;
        // Rows without a value are in id order; ordering them by their (missing) value too lets
        // the planner see that the sort index's `IS NULL` range is already in that order.
        return sql + " ORDER BY " + sort.sql + direction + ", " + id_column + direction + " LIMIT " + limit;
    };
    std::string const order = " ORDER BY p.branch, p.sort_value" + std::string(direction) + ", p.page_id" + direction;
    auto const page_limit = query.parameter(std::to_string(travel.limit + 1));
    // Each placeholder is made only where it is written (PostgreSQL cannot type one it never sees).
    auto const offset = [&] {
        return travel.offset > 0 ? " OFFSET " + query.parameter(std::to_string(travel.offset)) : std::string();
    };
    std::string ids;
    if (branches.size() == 1) {
        ids = branch_sql(0, page_limit) + offset();
    } else if (travel.parts && !b) {
        // The rows without a value follow those with one (in the listing order; precede them
        // reading from the end): with each part's size known, each skips its own rows through
        // its index range, and the page is at most both parts' pieces of it.
        auto const [keyed_rows, unkeyed_rows] = *travel.parts;
        std::int64_t const wanted_end = travel.offset + travel.limit + 1;
        std::int64_t start = 0;
        ids = "SELECT * FROM (";
        bool first = true;
        for (std::size_t i = 0; i < branches.size(); ++i) {
            auto const size = branches[i].keyed ? keyed_rows : unkeyed_rows;
            auto const from = std::max(travel.offset, start);
            auto const to = std::min(wanted_end, start + size);
            start += size;
            if (to <= from) continue;
            auto piece = branch_sql(i, query.parameter(std::to_string(to - from)));
            if (from > start - size) piece += " OFFSET " + query.parameter(std::to_string(from - (start - size)));
            ids += (first ? "(" : ") UNION ALL (") + piece;
            first = false;
        }
        if (first) ids += "(" + branch_sql(0, "0");  // past the end: no row
        ids += ")) p" + order + " LIMIT " + page_limit;
    } else {
        auto const fetch = query.parameter(std::to_string(travel.limit + travel.offset + 1));
        ids = "SELECT * FROM (";
        for (std::size_t i = 0; i < branches.size(); ++i) ids += (i > 0 ? ") UNION ALL (" : "(") + branch_sql(i, fetch);
        ids += ")) p" + order + " LIMIT " + page_limit + offset();
    }
    // The page's ids first, the rows' columns (subqueries of other tables among them) only for
    // the rows of the page: rows that OFFSET skips cost their index entries, not their columns.
    auto page = query.with_text("SELECT " + columns + ", p.sort_key FROM (" + ids + ") p JOIN " + source.from + " ON " +
                                id_column + " = p.page_id" + order);
    return page;
}

std::optional<sql_value> common_column(protocol::bound_path const& path, std::string const& alias,
                                       std::string const& resource_type) {
    auto const& name = path.attribute->name;
    if (name == "id") return sql_value{sql_form::uuid, alias + ".id", true};
    if (name == "externalId") return sql_value{sql_form::text, alias + ".external_id"};
    // meta is the server's: all of it comes from columns.
    if (!path.sub_attribute) return sql_value{sql_form::boolean, "TRUE"};
    auto const& sub = path.sub_attribute->name;
    if (sub == "created") return sql_value{sql_form::timestamp, alias + ".created", true};
    if (sub == "lastModified") return sql_value{sql_form::timestamp, alias + ".last_modified", true};
    if (sub == "version") return sql_value{sql_form::text, "('W/\"' || " + alias + ".version || '\"')", true};
    if (sub == "resourceType") return sql_value{sql_form::text, sql_literal(resource_type), true};
    throw core::error(core::error_type::invalid_filter, "meta." + sub + " cannot be filtered or sorted on");
}

std::string explain_listing(session& s, listing_source const& source, listing_request const& request) {
    std::string plan;
    if (!is_uuid(request.owner_id)) return plan;
    auto const page = listing_page(source, request, travel_for(request, std::nullopt),
                                   listing_where(source, request).where, source.columns);
    for (auto const& r : s.run_once(page.after("EXPLAIN "))) plan += r.text("\"QUERY PLAN\"") + "\n";
    return plan;
}

}  // namespace scim::store
