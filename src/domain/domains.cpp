#include "scim/domain/domains.hpp"

#include "scim/core/text.hpp"

namespace scim::domain {
namespace {

bool valid_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
        bool const ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

std::optional<std::string> normalize_domain_name(std::string_view name) {
    if (!name.empty() && name.back() == '.') name.remove_suffix(1);
    auto lower = core::to_lower_ascii(name);
    if (lower.empty() || lower.size() > 253) return std::nullopt;
    std::size_t labels = 0;
    std::string_view rest = lower;
    while (true) {
        auto const dot = rest.find('.');
        if (!valid_label(rest.substr(0, dot))) return std::nullopt;
        ++labels;
        if (dot == std::string_view::npos) break;
        rest.remove_prefix(dot + 1);
    }
    if (labels < 2) return std::nullopt;
    return lower;
}

std::string verification_record_name(std::string const& domain_name) { return "_scimd-challenge." + domain_name; }

std::string verification_record_value(std::string const& token) { return "scimd-verification=" + token; }

bool proves_ownership(std::vector<std::string> const& txt_records, std::string const& token) {
    auto const expected = verification_record_value(token);
    for (auto record : txt_records) {
        while (!record.empty() && record.front() == ' ') record.erase(0, 1);
        while (!record.empty() && record.back() == ' ') record.pop_back();
        if (record == expected) return true;
    }
    return false;
}

}  // namespace scim::domain
