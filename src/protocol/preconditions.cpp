#include "scim/protocol/preconditions.hpp"

#include <string>

namespace scim::protocol {
namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

bool names_version(std::string_view header, std::int64_t version) {
    auto const wanted = "\"" + std::to_string(version) + "\"";
    if (trim(header) == "*") return true;
    while (!header.empty()) {
        auto const comma = header.find(',');
        auto tag = trim(header.substr(0, comma));
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag == wanted) return true;
    }
    return false;
}

}  // namespace scim::protocol
