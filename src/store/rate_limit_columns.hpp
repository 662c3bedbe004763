#pragma once
// A directory's rate limit columns (schemas/sql/021_rate_limits.sql) as the directory's and the
// token's statements select them, and read back. The rate travels as text: PostgreSQL writes a
// double precision in its shortest exact form, which from_chars reads back unchanged.

#include <charconv>
#include <string>

#include "scim/store/tenants.hpp"
#include "sql_result.hpp"

// The columns of table alias `prefix` ("" or "d.").
#define SCIMD_RATE_LIMIT_COLUMNS(prefix)                                                                       \
    prefix "rate_limit AS rate_limit, " prefix "rate_limit_per_second::text AS rate_limit_per_second, " prefix \
           "rate_limit_burst AS rate_limit_burst"

namespace scim::store {

inline directory_rate_limit read_rate_limit(sql_row const& r) {
    directory_rate_limit out;
    out.source = r.text("rate_limit");
    if (auto const rate = r.nullable_text("rate_limit_per_second")) {
        std::from_chars(rate->data(), rate->data() + rate->size(), out.per_second);
    }
    out.burst = r.nullable_number("rate_limit_burst").value_or(0);
    return out;
}

// The shortest text that reads back as the same double.
inline std::string rate_text(double per_second) {
    char buffer[32];
    auto const [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, per_second);
    return std::string(buffer, end);
}

}  // namespace scim::store
