#include "scim/domain/sites.hpp"

#include <algorithm>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::domain {
namespace {

std::string_view trimmed(std::string_view text) {
    auto const first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// RFC 1123 §2.1: letters, digits and inner hyphens, 1 to 63 characters.
bool is_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; });
}

// At least two labels: a site is reached at a name under some domain, not "localhost".
bool is_host_name(std::string_view host) {
    if (host.size() > 253 || host.find('.') == std::string_view::npos) return false;
    for (std::size_t start = 0;;) {
        auto const dot = host.find('.', start);
        if (!is_label(host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
            return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

std::string_view action_name(membership_action action) {
    switch (action) {
        case membership_action::use: return "use";
        case membership_action::suspend: return "suspend";
        case membership_action::restore: return "restore";
    }
    return "change";
}

[[noreturn]] void refuse(membership_status from, membership_action action, std::string_view hint) {
    throw core::error(core::error_type::conflict, "cannot " + std::string(action_name(action)) +
                                                      " a site membership that is " + std::string(to_string(from)) +
                                                      std::string(hint));
}

}  // namespace

std::string_view to_string(membership_status status) noexcept {
    switch (status) {
        case membership_status::invited: return "invited";
        case membership_status::active: return "active";
        case membership_status::suspended: return "suspended";
    }
    return "invited";
}

std::optional<membership_status> parse_membership_status(std::string_view text) noexcept {
    for (auto status : {membership_status::invited, membership_status::active, membership_status::suspended}) {
        if (text == to_string(status)) return status;
    }
    return std::nullopt;
}

void check_invitation(lifecycle account, std::optional<membership_status> existing) {
    if (account == lifecycle::deleted) {
        throw core::error(core::error_type::conflict, "cannot invite a deleted account: its identity is gone for good");
    }
    if (!existing) return;
    throw core::error(core::error_type::conflict, "the account is already a user of the site (" +
                                                      std::string(to_string(*existing)) +
                                                      "); restore a suspended membership instead of inviting again");
}

membership_status apply(membership_status from, bool joined, membership_action action) {
    switch (action) {
        case membership_action::use:
            // DOMAIN.md: suspending blocks use.
            if (from == membership_status::suspended) refuse(from, action, "; restore it first");
            return membership_status::active;
        case membership_action::suspend:
            if (from == membership_status::suspended) refuse(from, action, "; it is already suspended");
            return membership_status::suspended;
        case membership_action::restore:
            if (from != membership_status::suspended) refuse(from, action, "; only a suspended membership is restored");
            // Back to where it was: an invitation never used is still an invitation.
            return joined ? membership_status::active : membership_status::invited;
    }
    return from;
}

void require_offered(std::vector<std::string> const& offered, std::string const& product) {
    if (std::find(offered.begin(), offered.end(), product) != offered.end()) return;
    throw core::error(core::error_type::invalid_value, "the site does not offer the product \"" + product + "\"");
}

std::string normalize_product(std::string_view product) {
    auto const name = core::to_lower_ascii(trimmed(product));
    bool const valid = !name.empty() && name.size() <= 100 && std::all_of(name.begin(), name.end(), [](char c) {
        return is_alnum(c) || c == '-' || c == '_' || c == '.';
    });
    if (!valid) {
        throw core::error(core::error_type::invalid_value,
                          "\"" + std::string(product) + "\" is not a product name (letters, digits, '-', '_' and '.')");
    }
    return name;
}

std::string normalize_site_url(std::string_view url) {
    auto host = core::to_lower_ascii(trimmed(url));
    for (std::string_view scheme : {"https://", "http://"}) {
        if (host.rfind(scheme, 0) == 0) host.erase(0, scheme.size());
    }
    if (!host.empty() && host.back() == '/') host.pop_back();
    if (!is_host_name(host)) {
        throw core::error(core::error_type::invalid_value,
                          "\"" + std::string(url) + "\" is not a site URL: give its host name, e.g. acme.example.net");
    }
    return host;
}

std::string normalize_site_name(std::string_view name) {
    auto const t = trimmed(name);
    if (t.empty() || t.size() > 200) {
        throw core::error(core::error_type::invalid_value, "a site's name must be 1 to 200 characters");
    }
    return std::string(t);
}

}  // namespace scim::domain
