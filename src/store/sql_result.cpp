#include "sql_result.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include <libpq-fe.h>

namespace scim::store {

int sql_row::column_of(char const* column) const {
    // PQfnumber folds an unquoted name to lower case (every alias here is lower case) and keeps
    // a double-quoted one as it is ("\"QUERY PLAN\"").
    int const i = PQfnumber(result_.get(), column);
    if (i < 0) throw std::logic_error(std::string("the statement has no column ") + column);
    return i;
}

bool sql_row::has(char const* column) const { return PQfnumber(result_.get(), column) >= 0; }

bool sql_row::is_null(char const* column) const { return PQgetisnull(result_.get(), row_, column_of(column)) != 0; }

std::optional<std::string> sql_row::nullable_text(char const* column) const {
    int const i = column_of(column);
    auto const* r = result_.get();
    if (PQgetisnull(r, row_, i)) return std::nullopt;
    return std::string(PQgetvalue(r, row_, i), static_cast<std::size_t>(PQgetlength(r, row_, i)));
}

std::string sql_row::text(char const* column) const {
    auto value = nullable_text(column);
    if (!value) throw std::logic_error(std::string("column ") + column + " is NULL");
    return std::move(*value);
}

std::optional<std::int64_t> sql_row::nullable_number(char const* column) const {
    int const i = column_of(column);
    auto const* r = result_.get();
    if (PQgetisnull(r, row_, i)) return std::nullopt;
    char const* text = PQgetvalue(r, row_, i);
    char const* end = text + PQgetlength(r, row_, i);
    std::int64_t n = 0;
    auto const [at, ec] = std::from_chars(text, end, n);
    if (ec != std::errc() || at != end) throw std::logic_error(std::string("column ") + column + " is not an integer");
    return n;
}

std::int64_t sql_row::number(char const* column) const {
    auto n = nullable_number(column);
    if (!n) throw std::logic_error(std::string("column ") + column + " is NULL");
    return *n;
}

bool sql_row::flag(char const* column) const {
    int const i = column_of(column);
    auto const* r = result_.get();
    if (PQgetisnull(r, row_, i)) throw std::logic_error(std::string("column ") + column + " is NULL");
    return PQgetvalue(r, row_, i)[0] == 't';
}

sql_result::sql_result(pg_result* result) : result_(result, PQclear) {}

std::size_t sql_result::size() const noexcept {
    return result_ ? static_cast<std::size_t>(PQntuples(result_.get())) : 0;
}

std::int64_t sql_result::affected_rows() const {
    char const* text = result_ ? PQcmdTuples(result_.get()) : "";
    return *text ? std::strtoll(text, nullptr, 10) : 0;
}

}  // namespace scim::store
