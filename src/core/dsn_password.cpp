#include "dsn_password.hpp"

namespace scim::core {
namespace {

bool is_uri(std::string const& dsn) { return dsn.rfind("postgresql://", 0) == 0 || dsn.rfind("postgres://", 0) == 0; }

// RFC 3986 §2.3: unreserved characters stay, every other byte is %XX.
std::string percent_encoded(std::string const& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool const unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    return out;
}

}  // namespace

std::string with_password(std::string const& dsn, std::string const& password) {
    if (is_uri(dsn)) {
        char const separator = dsn.find('?') == std::string::npos ? '?' : '&';
        return dsn + separator + "password=" + percent_encoded(password);
    }
    // libpq: "single quotes and backslashes within the value must be escaped with a backslash".
    std::string quoted = "'";
    for (char c : password) {
        if (c == '\'' || c == '\\') quoted += '\\';
        quoted += c;
    }
    quoted += '\'';
    return dsn + (dsn.empty() ? "" : " ") + "password=" + quoted;
}

}  // namespace scim::core
