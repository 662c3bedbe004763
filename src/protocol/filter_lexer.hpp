#pragma once
// Tokens of SCIM filters and PATCH paths (RFC 7644 §3.4.2.2 Figure 1, §3.5.2 Figure 7).
// The lexer knows no grammar: "eq", "and", "true" and "userName" are all words, and the
// parser decides what a word means from where it stands.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scim/core/error.hpp"

namespace scim::protocol::filter_syntax {

// ALPHA and DIGIT of RFC 5234 Appendix B.1: ASCII only, whatever the locale.
constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

enum class token_kind { word, string, number, left_paren, right_paren, left_bracket, right_bracket, dot, end };

struct token {
    token_kind kind = token_kind::end;
    std::size_t position = 0;  // 0-based byte offset in the text
    std::string_view text;     // as written; a string token includes its quotes
    std::string value;         // the decoded contents of a string token
};

// Where syntax errors go. `type` is not fixed: within a PATCH path's brackets the parser
// switches it to invalid_filter (RFC 7644 §3.12 Table 9).
struct error_sink {
    core::error_type type;
    std::string_view subject;  // "filter" or "path", for messages about the whole text

    // Throws core::error(type, "<problem> at position <position>[; <hint>]").
    [[noreturn]] void fail(std::size_t position, std::string problem, std::string_view hint = {}) const;
};

class lexer {
public:
    lexer(std::string_view text, error_sink const& errors) : text_(text), errors_(errors) {}

    token const& peek();
    token take();

private:
    token scan();
    token scan_word(std::size_t start);
    token scan_number(std::size_t start);
    token scan_string(std::size_t start);
    // Each appends one decoded character to `out` and returns the offset after it.
    std::size_t decode_escape(std::size_t at, std::size_t string_start, std::string& out) const;
    std::size_t copy_utf8(std::size_t at, std::string& out) const;

    std::string_view text_;
    error_sink const& errors_;
    std::size_t offset_ = 0;
    std::optional<token> ahead_;
};

// `text` in double quotes, cut short if long, for error messages.
std::string quoted(std::string_view text);

// A token as an error message names it: "userName", the string "x", the end of the filter.
std::string describe(token const& token, std::string_view subject);

}  // namespace scim::protocol::filter_syntax
