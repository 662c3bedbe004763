#include "scim/domain/domains.hpp"

#include "scim/core/error.hpp"
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

std::string_view to_string(domain_state state) noexcept {
    switch (state) {
        case domain_state::unverified: return "unverified";
        case domain_state::verified: return "verified";
        case domain_state::claimed: return "claimed";
    }
    return "unverified";
}

std::optional<domain_state> parse_domain_state(std::string_view text) noexcept {
    for (auto state : {domain_state::unverified, domain_state::verified, domain_state::claimed}) {
        if (text == to_string(state)) return state;
    }
    return std::nullopt;
}

bool is_verified(domain_state state) noexcept { return state != domain_state::unverified; }

void check_claim(domain_state state, std::string const& domain_name) {
    if (is_verified(state)) return;
    // DOMAIN.md: an organization claims only accounts on a domain it proved it owns.
    throw core::error(core::error_type::conflict, "cannot claim the accounts on " + domain_name +
                                                      ": the domain is not verified yet; publish its TXT record "
                                                      "and verify it first (POST …/domains/" +
                                                      domain_name + "/verify)");
}

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
