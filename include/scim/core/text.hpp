#pragma once
// Small ASCII text helpers. SCIM names (attributes, parameters, operators, URNs) are
// case-insensitive ASCII (RFC 7643 §2.1), so no locale is involved.

#include <string>
#include <string_view>

namespace scim::core {

constexpr char to_lower_ascii(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) return false;
    }
    return true;
}

inline std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = to_lower_ascii(c);
    return out;
}

}  // namespace scim::core
