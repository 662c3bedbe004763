#include "scim/core/text_rules.hpp"

#include <cstdio>

namespace scim::core {
namespace {

constexpr bool allowed_in_text(char c) noexcept { return c == '\t' || c == '\n' || c == '\r'; }

std::string code_point(unsigned char c) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(c));
    return buffer;
}

}  // namespace

std::optional<std::string> text_problem(std::string_view text, text_rule rule) {
    if (text.size() > rule.max_bytes) {
        return "is " + std::to_string(text.size()) + " bytes long; at most " + std::to_string(rule.max_bytes) +
               " bytes (UTF-8) are allowed";
    }
    // Bytes below 0x80 are the ASCII code points themselves in UTF-8, so a byte scan finds
    // every C0 control and DEL.
    for (char const c : text) {
        if (c == '\0') return std::string("holds U+0000 (NUL), which no value may hold");
        bool const control = static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        if (control && !(rule.multiline && allowed_in_text(c))) {
            return "holds " + code_point(static_cast<unsigned char>(c)) + ", a control character" +
                   (rule.multiline ? " (only TAB, LF and CR are allowed)" : ", which a one-line value cannot hold");
        }
    }
    return std::nullopt;
}

}  // namespace scim::core
