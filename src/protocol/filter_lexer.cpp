#include "filter_lexer.hpp"

#include <cstdio>

namespace scim::protocol::filter_syntax {
namespace {

constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// A word is an attribute path, an operator, a keyword or a literal name: nameChar (RFC 7644
// §3.4.2.2), "." before a sub-attribute, ":" and "." of schema URNs, "$" of "$ref".
constexpr bool is_word_char(char c) noexcept {
    return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.' || c == ':' || c == '$';
}

// Wider than JSON's number characters, so that "12abc" is one bad number rather than a
// number followed by a word.
constexpr bool is_number_char(char c) noexcept { return is_word_char(c) || c == '+'; }

// number = [ "-" ] int [ frac ] [ exp ] (RFC 8259 §6)
bool is_json_number(std::string_view s) noexcept {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t const first = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        return i > first;
    };
    if (i < s.size() && s[i] == '-') ++i;
    if (i < s.size() && s[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!digits()) return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digits()) return false;
    }
    return i == s.size();
}

// Error details echo input; a 4 KiB attribute name should not come back whole.
std::string shortened(std::string_view text) {
    constexpr std::size_t shown = 40;
    if (text.size() <= shown) return std::string(text);
    std::size_t cut = shown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
    return std::string(text.substr(0, cut)) + "...";
}

std::string hex(unsigned value, int width) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", width, value);
    return buffer;
}

// A single character for an error message; bytes that would not print as themselves are shown
// by value, which also keeps the detail valid UTF-8.
std::string describe_char(char c) {
    if (c > ' ' && c < 0x7f) return quoted(std::string_view(&c, 1));
    return "byte 0x" + hex(static_cast<unsigned char>(c), 2);
}

int hex_value(char c) noexcept {
    if (is_digit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

constexpr bool is_high_surrogate(char32_t u) noexcept { return u >= 0xD800 && u <= 0xDBFF; }
constexpr bool is_low_surrogate(char32_t u) noexcept { return u >= 0xDC00 && u <= 0xDFFF; }

}  // namespace

void error_sink::fail(std::size_t position, std::string problem, std::string_view hint) const {
    problem += " at position ";
    problem += std::to_string(position);
    if (!hint.empty()) {
        problem += "; ";
        problem += hint;
    }
    throw core::error(type, std::move(problem));
}

token const& lexer::peek() {
    if (!ahead_) ahead_ = scan();
    return *ahead_;
}

token lexer::take() {
    peek();
    token next = std::move(*ahead_);
    ahead_.reset();
    return next;
}

token lexer::scan() {
    while (offset_ < text_.size() && is_space(text_[offset_])) ++offset_;
    std::size_t const start = offset_;
    if (start == text_.size()) return token{token_kind::end, start, {}, {}};

    auto single = [&](token_kind kind) {
        ++offset_;
        return token{kind, start, text_.substr(start, 1), {}};
    };
    char const c = text_[start];
    switch (c) {
        case '(': return single(token_kind::left_paren);
        case ')': return single(token_kind::right_paren);
        case '[': return single(token_kind::left_bracket);
        case ']': return single(token_kind::right_bracket);
        case '.': return single(token_kind::dot);
        case '"': return scan_string(start);
        case '\'': errors_.fail(start, "unexpected \"'\"", "strings are JSON strings, in double quotes");
        default: break;
    }
    if (is_alpha(c) || c == '$') return scan_word(start);
    if (is_digit(c) || c == '-') return scan_number(start);
    errors_.fail(start, "unexpected " + describe_char(c));
}

token lexer::scan_word(std::size_t start) {
    while (offset_ < text_.size() && is_word_char(text_[offset_])) ++offset_;
    return token{token_kind::word, start, text_.substr(start, offset_ - start), {}};
}

token lexer::scan_number(std::size_t start) {
    while (offset_ < text_.size() && is_number_char(text_[offset_])) ++offset_;
    auto const text = text_.substr(start, offset_ - start);
    if (!is_json_number(text))
        errors_.fail(start, "invalid number " + quoted(text), "numbers are JSON numbers (RFC 8259 §6)");
    return token{token_kind::number, start, text, {}};
}

// A JSON string (RFC 8259 §7), as compValue requires (RFC 7644 §3.4.2.2).
token lexer::scan_string(std::size_t start) {
    std::string value;
    std::size_t at = start + 1;
    for (;;) {
        if (at == text_.size()) errors_.fail(start, "unterminated string starting");
        auto const c = static_cast<unsigned char>(text_[at]);
        if (c == '"') break;
        if (c == '\\') {
            at = decode_escape(at, start, value);
        } else if (c < 0x20) {
            errors_.fail(at, "control character U+" + hex(c, 4) + " in a string", "it must be escaped");
        } else if (c < 0x80) {
            value += static_cast<char>(c);
            ++at;
        } else {
            at = copy_utf8(at, value);
        }
    }
    offset_ = at + 1;
    return token{token_kind::string, start, text_.substr(start, offset_ - start), std::move(value)};
}

std::size_t lexer::decode_escape(std::size_t at, std::size_t string_start, std::string& out) const {
    if (at + 1 == text_.size()) errors_.fail(string_start, "unterminated string starting");
    switch (text_[at + 1]) {
        case '"': out += '"'; return at + 2;
        case '\\': out += '\\'; return at + 2;
        case '/': out += '/'; return at + 2;
        case 'b': out += '\b'; return at + 2;
        case 'f': out += '\f'; return at + 2;
        case 'n': out += '\n'; return at + 2;
        case 'r': out += '\r'; return at + 2;
        case 't': out += '\t'; return at + 2;
        case 'u': break;
        default: errors_.fail(at, "invalid escape \"\\\" followed by " + describe_char(text_[at + 1]) + " in a string");
    }
    // "\u" 4HEXDIG, where a character outside the BMP is a surrogate pair (RFC 8259 §7).
    auto code_unit = [&](std::size_t u) -> char32_t {
        char32_t unit = 0;
        for (std::size_t i = u + 2; i < u + 6; ++i) {
            int const digit = i < text_.size() ? hex_value(text_[i]) : -1;
            if (digit < 0) errors_.fail(u, "invalid \\u escape in a string", "\\u takes four hexadecimal digits");
            unit = unit * 16 + static_cast<char32_t>(digit);
        }
        return unit;
    };
    char32_t cp = code_unit(at);
    std::size_t next = at + 6;
    if (is_low_surrogate(cp)) errors_.fail(at, "unpaired surrogate \\u" + hex(cp, 4) + " in a string");
    if (is_high_surrogate(cp)) {
        bool const escape_follows = next + 1 < text_.size() && text_[next] == '\\' && text_[next + 1] == 'u';
        char32_t const low = escape_follows ? code_unit(next) : 0;
        if (!is_low_surrogate(low)) errors_.fail(at, "unpaired surrogate \\u" + hex(cp, 4) + " in a string");
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        next += 6;
    }
    if (cp == 0) errors_.fail(at, "\\u0000 in a string", "NUL characters are not allowed");
    append_utf8(out, cp);
    return next;
}

// Raw non-ASCII characters must be well-formed UTF-8 (RFC 8259 §8.1; Unicode 15 Table 3-7),
// so that no stage after this one meets broken text.
std::size_t lexer::copy_utf8(std::size_t at, std::string& out) const {
    auto byte = [&](std::size_t i) { return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0u; };
    unsigned const lead = byte(at);
    std::size_t length = 0;
    unsigned low = 0x80;
    unsigned high = 0xBF;  // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;   // no overlong forms
        if (lead == 0xED) high = 0x9F;  // no surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;   // no overlong forms
        if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    }
    bool valid = length != 0 && byte(at + 1) >= low && byte(at + 1) <= high;
    for (std::size_t i = 2; valid && i < length; ++i) valid = byte(at + i) >= 0x80 && byte(at + i) <= 0xBF;
    if (!valid) errors_.fail(at, "invalid UTF-8 in a string");
    out.append(text_.substr(at, length));
    return at + length;
}

std::string quoted(std::string_view text) { return "\"" + shortened(text) + "\""; }

std::string describe(token const& token, std::string_view subject) {
    switch (token.kind) {
        case token_kind::word: return quoted(token.text);
        case token_kind::string: return "the string " + quoted(token.text.substr(1, token.text.size() - 2));
        case token_kind::number: return "the number " + shortened(token.text);
        case token_kind::end: return "the end of the " + std::string(subject);
        default: return quoted(token.text);
    }
}

}  // namespace scim::protocol::filter_syntax
