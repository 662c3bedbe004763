#pragma once
// SQL text being built and the values of its placeholders: the one way every repository writes
// a statement. Values are always binds ($1, $2, … numbered in order of appearance, sent as
// text and cast in the SQL where the column is not text); identifiers come from fixed column
// maps, never from a request.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scim::store {

class sql_text {
public:
    sql_text() = default;
    // A statement without placeholders yet.
    explicit sql_text(std::string_view text) : text_(text) {}

    sql_text& operator<<(std::string_view text) {
        text_ += text;
        return *this;
    }
    // Appends a placeholder for `value`.
    sql_text& bind(std::string value);
    // A placeholder for `value`, NULL when there is none.
    sql_text& bind_nullable(std::optional<std::string> value);
    sql_text& bind_number(std::int64_t value);
    sql_text& bind_flag(bool value);
    // A placeholder for `value` that is not written yet: the caller writes the returned "$n"
    // where the value is needed, once or more (a statement may use a parameter many times).
    std::string parameter(std::string value);

    // The same SQL after `prefix`, which must hold no placeholder (numbering is by position).
    sql_text after(std::string_view prefix) const;
    // The same values under another text, which places their placeholders itself (a text
    // may repeat this one's, e.g. as the parts of a UNION).
    sql_text with_text(std::string text) const;

    std::string const& text() const noexcept { return text_; }
    std::vector<std::optional<std::string>> const& values() const noexcept { return values_; }

private:
    std::string text_;
    std::vector<std::optional<std::string>> values_;
};

// The single-quoted SQL literal of `text` (quotes doubled).
std::string sql_literal(std::string const& text);

// `value` made safe inside a LIKE pattern (ESCAPE '\').
std::string like_escape(std::string const& value);

// A PostgreSQL array literal of `ids` ("{a,b}"), for CAST($n AS uuid[]); every id must
// already be a UUID (identifiers.hpp).
std::string uuid_array(std::vector<std::string> const& ids);

// SQL that renders a timestamptz column as RFC 3339 UTC with milliseconds.
#define SCIMD_SQL_RFC3339(column) "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"

}  // namespace scim::store
