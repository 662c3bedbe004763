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

std::vector<std::string> uuids_among(std::vector<std::string> const& ids) {
    std::vector<std::string> out;
    for (auto const& id : ids) {
        if (is_uuid(id)) out.push_back(id);
    }
    return out;
}

}  // namespace scim::store
