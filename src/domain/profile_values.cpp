#include "scim/domain/profile_values.hpp"

#include <algorithm>

#include "scim/core/text.hpp"

namespace scim::domain {
namespace {

bool is_control_or_space(char c) {
    auto const u = static_cast<unsigned char>(c);
    return u <= ' ' || u == 0x7f;
}

bool is_address_special(char c) { return std::string_view("()<>[]:;,\\\"").find(c) != std::string_view::npos; }

// A label of a mail domain: letters, digits, hyphens, or the bytes of UTF-8 (an internationalized
// domain as its owner writes it); not empty, not starting or ending with a hyphen.
bool is_mail_domain_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        auto const u = static_cast<unsigned char>(c);
        return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool is_mail_domain(std::string_view domain) {
    if (domain.size() > 255) return false;
    std::size_t labels = 0;
    while (true) {
        auto const dot = domain.find('.');
        if (!is_mail_domain_label(domain.substr(0, dot))) return false;
        ++labels;
        if (dot == std::string_view::npos) break;
        domain.remove_prefix(dot + 1);
    }
    return labels >= 2;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// host[:port] of an https URL: a DNS name (or UTF-8), an IPv4 address, or an IPv6 address in
// brackets; a port of digits.
bool is_url_authority(std::string_view authority) {
    std::string_view host = authority;
    if (!host.empty() && host.front() == '[') {
        auto const close = host.find(']');
        if (close == std::string_view::npos || close == 1) return false;
        auto const inside = host.substr(1, close - 1);
        if (!std::all_of(inside.begin(), inside.end(), [](char c) {
                return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            }))
            return false;
        host = host.substr(close + 1);
        if (host.empty()) return true;
        if (host.front() != ':') return false;
        auto const port = host.substr(1);
        return !port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), is_digit);
    }
    if (auto const colon = host.rfind(':'); colon != std::string_view::npos) {
        auto const port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), is_digit)) return false;
        host = host.substr(0, colon);
    }
    if (host.empty() || host.front() == '.' || host.back() == '.' || host.find("..") != std::string_view::npos)
        return false;
    return std::all_of(host.begin(), host.end(), [](char c) {
        auto const u = static_cast<unsigned char>(c);
        return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' || c == '.';
    });
}

}  // namespace

bool is_email_address(std::string_view text) {
    auto const at = text.find('@');
    if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) return false;
    auto const local = text.substr(0, at);
    if (local.empty()) return false;
    if (std::any_of(text.begin(), text.end(), [](char c) { return is_control_or_space(c) || is_address_special(c); }))
        return false;
    return is_mail_domain(text.substr(at + 1));
}

std::optional<std::string> picture_url_problem(std::string_view url) {
    constexpr std::string_view scheme = "https://";
    if (url.size() < scheme.size() || !core::iequals(url.substr(0, scheme.size()), scheme))
        return "must be an absolute https:// URL, like https://cdn.acme.com/liam.png";
    if (std::any_of(url.begin(), url.end(), [](char c) {
            return is_control_or_space(c) || c == '"' || c == '\'' || c == '\\' || c == '<' || c == '>' || c == '`';
        }))
        return "must not hold spaces, quotes, backslashes or angle brackets (percent-encode them)";
    auto const rest = url.substr(scheme.size());
    auto const authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos) return "must not carry a user name or password";
    if (!is_url_authority(authority)) return "must name a host, like https://cdn.acme.com/liam.png";
    return std::nullopt;
}

}  // namespace scim::domain
