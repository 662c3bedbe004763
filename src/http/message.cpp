#include "scim/http/message.hpp"

#include <algorithm>
#include <stdexcept>

#include "host.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::http {
namespace {

template <typename Headers>
std::string_view find_header(Headers const& headers, std::string_view name) noexcept {
    auto it =
        std::find_if(headers.begin(), headers.end(), [name](auto const& h) { return core::iequals(h.first, name); });
    return it == headers.end() ? std::string_view{} : std::string_view{it->second};
}

// RFC 3986 §3.3: pchar (unreserved, sub-delims, ':' and '@'; percent-encodings apart) and '/'.
bool path_char(char c) noexcept {
    bool const alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || std::string_view("-._~!$&'()*+,;=:@/").find(c) != std::string_view::npos;
}

int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string_view request::header(std::string_view name) const noexcept { return find_header(headers, name); }

bool request::has_header(std::string_view name) const noexcept {
    return std::any_of(headers.begin(), headers.end(), [name](auto const& h) { return core::iequals(h.first, name); });
}

response& response::set_header(std::string name, std::string value) {
    std::erase_if(headers, [&name](auto const& h) { return core::iequals(h.first, name); });
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::string_view response::header(std::string_view name) const noexcept { return find_header(headers, name); }

// RFC 3986 §2.1: '%' and two hex digits is one octet. Anything else after '%' is malformed
// and refused rather than guessed at; callers decode once (RFC 3986 §2.4).
std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            bool complete = i + 2 < text.size();
            int high = complete ? hex_value(text[i + 1]) : -1;
            int low = complete ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                throw core::error(core::error_type::bad_request, "malformed percent-encoding in request target");
            }
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string public_base_url(request const& req, std::string const& public_url) {
    std::string base = public_url;
    if (base.empty()) {
        auto const host = req.header("host");
        if (!is_valid_host(host))
            throw core::error(core::error_type::bad_request,
                              "the Host header is not a host name or address with an optional port");
        base = (req.secure ? "https://" : "http://") + std::string(host);
    }
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
}

std::string public_url_option(std::string_view url) {
    auto const refuse = [](std::string const& why) {
        return std::invalid_argument("--public-url must be an absolute URL such as https://scim.example.com: " + why);
    };
    auto const scheme_end = url.find("://");
    auto const scheme = core::to_lower_ascii(url.substr(0, scheme_end));
    if (scheme_end == std::string_view::npos || (scheme != "https" && scheme != "http"))
        throw refuse("its scheme is not https or http");
    auto rest = url.substr(scheme_end + 3);
    auto const path_start = rest.find('/');
    auto const authority = rest.substr(0, path_start);
    if (!is_valid_host(authority)) throw refuse("\"" + std::string(authority) + "\" is not host[:port]");
    auto path = path_start == std::string_view::npos ? std::string_view() : rest.substr(path_start);
    // RFC 3986 §3.3: a path is pchar and "/"; '?' and '#' would start a query or fragment.
    for (std::size_t i = 0; i < path.size(); ++i) {
        char const c = path[i];
        if (c == '%') {
            if (i + 2 >= path.size() || hex_value(path[i + 1]) < 0 || hex_value(path[i + 2]) < 0)
                throw refuse("its path has a malformed percent-encoding");
            i += 2;
        } else if (!path_char(c)) {
            throw refuse("its path holds '" + std::string(1, c) + "' (no query, fragment or unencoded spaces)");
        }
    }
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    return scheme + "://" + std::string(authority) + std::string(path);
}

std::vector<std::pair<std::string, std::string>> query_parameters(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!query.empty()) {
        auto amp = query.find('&');
        auto pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        if (pair.empty()) continue;  // "a=1&&b=2": empty pieces carry nothing
        auto eq = pair.find('=');
        auto name = pair.substr(0, eq);
        auto value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
        out.emplace_back(percent_decode(name, true), percent_decode(value, true));
    }
    return out;
}

}  // namespace scim::http
