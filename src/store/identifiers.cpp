#include "identifiers.hpp"

#include <cctype>

namespace scim::store {

bool is_uuid(std::string_view text) noexcept {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
    }
    return true;
}

std::string to_bytea_hex(std::string const& bytes) {
    std::string hex = "\\x";
    static constexpr char digits[] = "0123456789abcdef";
    for (unsigned char c : bytes) {
        hex += digits[c >> 4];
        hex += digits[c & 15];
    }
    return hex;
}

std::string from_hex(std::string const& hex) {
    auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>((nibble(hex[i]) << 4) | nibble(hex[i + 1]));
    return out;
}

std::vector<std::string> uuids_among(std::vector<std::string> const& ids) {
    std::vector<std::string> out;
    for (auto const& id : ids) {
        if (is_uuid(id)) out.push_back(id);
    }
    return out;
}

}  // namespace scim::store
