#include "scim/domain/groups.hpp"

#include "scim/core/error.hpp"

namespace scim::domain {
namespace {

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_control(char c) noexcept {
    auto const byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
}

// Characters of valid UTF-8 text (the JSON parser has checked it): every byte but the
// continuation bytes starts one.
std::size_t utf8_length(std::string_view text) noexcept {
    std::size_t n = 0;
    for (char c : text) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    return n;
}

}  // namespace

std::string normalize_group_name(std::string_view name) {
    while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
    if (name.empty()) throw core::error(core::error_type::invalid_value, "a group's displayName cannot be empty");
    if (utf8_length(name) > max_group_name_length) {
        throw core::error(core::error_type::invalid_value,
                          "a group's displayName has at most " + std::to_string(max_group_name_length) + " characters");
    }
    for (char c : name) {
        if (is_control(c))
            throw core::error(core::error_type::invalid_value, "a group's displayName cannot hold control characters");
    }
    return std::string(name);
}

void check_group_size(std::int64_t members, std::int64_t limit) {
    if (members <= limit) return;
    throw core::error(core::error_type::invalid_value, "the group would have " + std::to_string(members) +
                                                           " members; a group may have at most " +
                                                           std::to_string(limit) + "; no member was changed");
}

}  // namespace scim::domain
