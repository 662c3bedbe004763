#include "credentials.hpp"

#include <algorithm>
#include <cstdint>

namespace scim::conformance {

std::string base64_encode(std::string_view data) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < data.size(); i += 3) {
        std::size_t const n = std::min<std::size_t>(3, data.size() - i);
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 3; ++j) {
            group = (group << 8) | (j < n ? static_cast<unsigned char>(data[i + j]) : 0u);
        }
        for (std::size_t j = 0; j < 4; ++j) {
            out += j <= n ? alphabet[(group >> (18 - 6 * j)) & 0x3f] : '=';
        }
    }
    return out;
}

std::string scheme_name(auth_scheme scheme) { return scheme == auth_scheme::basic ? "Basic" : "Bearer"; }

std::string authorization(credentials const& c) {
    return scheme_name(c.scheme) + " " + (c.scheme == auth_scheme::basic ? base64_encode(c.secret) : c.secret);
}

credentials invalid_credentials(auth_scheme scheme) {
    return scheme == auth_scheme::basic ? credentials{scheme, "scim-conformance-invalid:scim-conformance-invalid"}
                                        : credentials{scheme, "scim-conformance-invalid-token"};
}

}  // namespace scim::conformance
