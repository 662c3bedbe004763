#pragma once
// What a statement gave back: its rows, read by column name (the names a SELECT or RETURNING
// list gives with AS), and the number of rows it changed. Values arrive as PostgreSQL's text
// forms and are read as text, integers (int, bigint) or booleans ("t"/"f"). A row shares the
// result it belongs to, so `auto r = s.run(sql).front();` stays valid.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct pg_result;

namespace scim::store {

class sql_row {
public:
    // Reading a column the statement does not have, or NULL as a value, is a programming error
    // (std::logic_error). Column names are literals of the statement's own SQL.
    std::string text(char const* column) const;
    std::optional<std::string> nullable_text(char const* column) const;
    std::int64_t number(char const* column) const;
    std::optional<std::int64_t> nullable_number(char const* column) const;
    bool flag(char const* column) const;
    bool is_null(char const* column) const;
    // Whether the statement has this column (a select list that varies with what was asked).
    bool has(char const* column) const;

private:
    friend class sql_result;
    sql_row(std::shared_ptr<pg_result> result, int row) noexcept : result_(std::move(result)), row_(row) {}
    int column_of(char const* column) const;
    std::shared_ptr<pg_result> result_;
    int row_;
};

class sql_result {
public:
    // Takes ownership of `result` (PQclear when the last row or result referring to it goes).
    explicit sql_result(pg_result* result);

    std::size_t size() const noexcept;
    bool empty() const noexcept { return size() == 0; }
    sql_row operator[](std::size_t i) const noexcept { return sql_row(result_, static_cast<int>(i)); }
    sql_row front() const noexcept { return (*this)[0]; }
    // Rows an INSERT, UPDATE or DELETE changed (or a SELECT returned).
    std::int64_t affected_rows() const;

    class iterator {
    public:
        iterator(sql_result const* owner, std::size_t row) noexcept : owner_(owner), row_(row) {}
        sql_row operator*() const noexcept { return (*owner_)[row_]; }
        iterator& operator++() noexcept {
            ++row_;
            return *this;
        }
        bool operator!=(iterator const& other) const noexcept { return row_ != other.row_; }

    private:
        sql_result const* owner_;
        std::size_t row_;
    };
    iterator begin() const noexcept { return {this, 0}; }
    iterator end() const noexcept { return {this, size()}; }

private:
    std::shared_ptr<pg_result> result_;
};

}  // namespace scim::store
