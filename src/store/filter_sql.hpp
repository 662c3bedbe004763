#pragma once
// The third filter stage (parse → bind → emit, ARCHITECTURE.md): a bound filter becomes SQL
// text plus bound values (sql_text.hpp). Values are always binds; identifiers come from the
// fixed map of a resource_table or are registry names quoted as SQL literals.
//
// Semantics (RFC 7644 §3.4.2.2):
// - a multi-valued attribute matches when some value matches ("emails.value eq" is
//   "emails[value eq]"), through EXISTS over its side table or its JSONB array;
// - "ne" is "not eq": a resource without the attribute matches "ne", and "emails.value ne x"
//   matches when no email is x;
// - "pr": present and not empty ("", [], {}); "eq null" is "not pr";
// - strings that are not caseExact compare after folding case on both sides with the ICU
//   root locale, exactly as the indexes in schemas/sql/002_query.sql are built, so an index
//   serves "userName eq" in any case; co/sw/ew escape %, _ and \ in the value;
// - ordering comparisons (gt/ge/lt/le, and sorting) on strings use code-point order
//   (COLLATE "C"); dateTime values compare as instants, numbers as numbers.
//
// A comparison SQL cannot evaluate (a malformed stored value) yields NULL, which WHERE treats
// as false; "not" wraps its operand in coalesce(…, false) so that NULL does not turn into
// "unknown" and drop rows that should match.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scim/protocol/filter_binding.hpp"
#include "sql_text.hpp"

namespace scim::store {

// How a value is stored, which decides how it is compared.
enum class sql_form {
    text,       // a text column
    boolean,    // a boolean column
    uuid,       // a uuid column
    timestamp,  // a timestamptz column
    json,       // a jsonb value
};

struct sql_value {
    sql_form form = sql_form::json;
    std::string sql;          // an expression of that form (for json: of type jsonb)
    bool never_null = false;  // a NOT NULL column: sorting on it needs no branch for missing values
    bool row_local = true;    // false: read from other rows or tables (a subquery), see emit_filter
};

// A multi-valued attribute mirrored into a table with one row per value.
struct side_table {
    std::string table;  // "scim_user_emails"
    // The condition relating the row aliased `alias` to the resource row.
    std::function<std::string(std::string const& alias)> join;
    std::function<std::optional<sql_value>(std::string const& alias, protocol::attribute const& sub)> column;
    // Whether its rows change only with the resource row (a trigger mirrors them from it), so
    // that the resource type's write stamp follows them (schemas/sql/013_listing.sql).
    bool row_local = false;
};

// How one resource type is stored.
struct resource_table {
    std::string json;  // the jsonb column with the attributes not held in columns: "u.attributes"
    // Columns for the paths held outside `json` (common attributes, queried attributes).
    // Throws core::error(invalid_filter) for a path that cannot be compared (meta.location).
    std::function<std::optional<sql_value>(protocol::bound_path const&)> column;
    std::function<side_table const*(protocol::bound_path const&)> side_table_for;
    // The case-folded copy of `json` with a GIN index (schemas/sql/003_search_document.sql);
    // "" when the table has none.
    std::string search_document;
    // Whether a single-valued string has a btree on its sort expression (schemas/sql/013_listing.sql,
    // 014_managed_account_listing.sql): "eq" on it is then emitted on that same expression, which
    // the btree serves together with sortBy (for one in `json`, instead of a search_document
    // containment).
    std::function<bool(protocol::bound_path const&)> sort_indexed;
};

// A boolean SQL expression equivalent to `filter` for one row of `table`. Answers whether it
// reads that row alone (and side tables that change with it): then only a write to a row of
// the table changes which rows match.
bool emit_filter(sql_text& out, protocol::bound_filter const& filter, resource_table const& table);

// A boolean SQL expression for one row (aliased `alias`) of `side`: the condition of a value
// filter (members[value eq "x"]) applied to the elements themselves, e.g. to delete them.
void emit_element_filter(sql_text& out, protocol::bound_filter const& condition, side_table const& side,
                         std::string const& alias);

// ORDER BY support for single-valued `path` (sortBy, RFC 7644 §3.4.2.3).
struct sort_expression {
    std::string sql;         // the value sorted on
    std::string sql_type;    // to cast a sort key (its ::text form) back: "text", "numeric", …
    bool collate_c = false;  // the key must be compared with COLLATE "C"
    bool nullable = true;    // rows may have no value (they sort last, RFC 7644 §3.4.2.3)
};
// Throws core::error(invalid_value) for a multi-valued path or a complex one without "value".
sort_expression sort_expression_for(protocol::bound_path const& path, resource_table const& table);

}  // namespace scim::store
