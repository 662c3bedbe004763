#include "scim/domain/sign_ins.hpp"

#include <arpa/inet.h>

#include <charconv>

#include "scim/core/config.hpp"
#include "scim/core/error.hpp"

namespace scim::domain {
namespace {

// The decimal number that is all of `text` (no sign, no leading '+', at least one digit).
template <typename Number>
std::optional<Number> whole_number(std::string_view text) noexcept {
    Number value{};
    if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
    auto const [end, problem] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (problem != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

bool is_device_id(std::string_view text) noexcept {
    if (text.empty() || text.size() > core::device_limits::device_id_bytes) return false;
    for (char const c : text) {
        if (c < '!' || c > '~') return false;
    }
    return true;
}

std::optional<std::string> canonical_address(std::string_view text) {
    // inet_pton reads a C string: no NUL inside, and a bound well above the longest address
    // ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", 45 characters).
    if (text.empty() || text.size() > 64 || text.find('\0') != std::string_view::npos) return std::nullopt;
    std::string const input(text);
    char output[INET6_ADDRSTRLEN] = {};
    unsigned char bytes[16] = {};
    if (::inet_pton(AF_INET, input.c_str(), bytes) == 1) {
        if (::inet_ntop(AF_INET, bytes, output, sizeof output) == nullptr) return std::nullopt;
        return std::string(output);
    }
    if (::inet_pton(AF_INET6, input.c_str(), bytes) == 1) {
        if (::inet_ntop(AF_INET6, bytes, output, sizeof output) == nullptr) return std::nullopt;
        return std::string(output);
    }
    return std::nullopt;
}

void check_sign_in(lifecycle state) {
    if (state == lifecycle::active) return;
    throw core::error(core::error_type::conflict, "the account is " + std::string(to_string(state)) +
                                                      ": it cannot sign in until an admin reactivates it");
}

std::string to_string(sign_out_cursor const& cursor) {
    return std::to_string(cursor.txid) + "." + std::to_string(cursor.id);
}

std::optional<sign_out_cursor> parse_sign_out_cursor(std::string_view text) noexcept {
    auto const dot = text.find('.');
    if (dot == std::string_view::npos) return std::nullopt;
    auto const txid = whole_number<std::uint64_t>(text.substr(0, dot));
    auto const id = whole_number<std::int64_t>(text.substr(dot + 1));
    if (!txid || !id) return std::nullopt;
    return sign_out_cursor{*txid, *id};
}

}  // namespace scim::domain
