#include "host.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstddef>

namespace scim::http {
namespace {

bool is_hex(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 3986 §2.3 unreserved and §2.2 sub-delims: what a reg-name holds besides percent-encodings.
bool is_reg_name_char(char c) noexcept {
    bool const alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || std::string_view("-._~!$&'()*+,;=").find(c) != std::string_view::npos;
}

// RFC 3986 §3.2.2: reg-name = *( unreserved / pct-encoded / sub-delims ), here non-empty.
bool is_reg_name(std::string_view name) noexcept {
    if (name.empty()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name[i] == '%') {
            if (i + 2 >= name.size() || !is_hex(name[i + 1]) || !is_hex(name[i + 2])) return false;
            i += 2;
        } else if (!is_reg_name_char(name[i])) {
            return false;
        }
    }
    return true;
}

// "[" IPv6address "]" (RFC 3986 §3.2.2; neither IPvFuture nor zone identifiers).
bool is_ipv6_literal(std::string_view literal) noexcept {
    if (literal.size() < 3 || literal.front() != '[' || literal.back() != ']') return false;
    // The longest IPv6 text form (INET6_ADDRSTRLEN) fits; anything longer is no address.
    std::array<char, INET6_ADDRSTRLEN> inner{};
    auto const text = literal.substr(1, literal.size() - 2);
    if (text.size() >= inner.size() || text.find('\0') != std::string_view::npos) return false;
    std::copy(text.begin(), text.end(), inner.begin());
    in6_addr parsed{};
    return inet_pton(AF_INET6, inner.data(), &parsed) == 1;
}

bool is_port(std::string_view port) noexcept {
    if (port.empty() || port.size() > 5) return false;
    unsigned value = 0;
    for (char c : port) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value <= 65535;
}

}  // namespace

bool is_valid_host(std::string_view host) noexcept {
    std::string_view name = host;
    // The port follows the last ':' after an IPv6 literal's ']', or the only ':' of a reg-name.
    auto const close = host.rfind(']');
    auto const colon = host.rfind(':');
    if (colon != std::string_view::npos && (close == std::string_view::npos || colon > close)) {
        name = host.substr(0, colon);
        if (!is_port(host.substr(colon + 1))) return false;
    }
    if (name.empty()) return false;
    return name.front() == '[' ? is_ipv6_literal(name) : is_reg_name(name);
}

std::optional<core::error> host_field_error(request const& req, unsigned http_version) {
    auto const count =
        std::count_if(req.headers.begin(), req.headers.end(), [](auto const& h) { return h.first == "host"; });
    if (count > 1) return core::error(core::error_type::bad_request, "the request has more than one Host header");
    if (count == 0) {
        if (http_version < 11) return std::nullopt;
        return core::error(core::error_type::bad_request, "an HTTP/1.1 request needs a Host header");
    }
    if (!is_valid_host(req.header("host"))) {
        return core::error(core::error_type::bad_request,
                           "the Host header is not a host name or address with an optional port");
    }
    return std::nullopt;
}

}  // namespace scim::http
