#pragma once
// Running generated SQL (filter_sql.hpp's sql_text) through SOCI.

#include <soci/soci.h>

#include "filter_sql.hpp"

namespace scim::store {

// Runs `sql` with its placeholder values bound by position, calling `each` for every row.
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

// Runs `sql` (a statement that returns no rows) and answers how many rows it changed.
long long execute(soci::session& s, sql_text const& sql);

// A PostgreSQL array literal of `ids` ("{a,b}"), for CAST(:ids AS uuid[]); every id must
// already be a UUID (identifiers.hpp).
std::string uuid_array(std::vector<std::string> const& ids);

}  // namespace scim::store
