#include "scim/core/bearer_tokens.hpp"

#include "scim/core/crypto.hpp"
#include "scim/core/text.hpp"

namespace scim::core {
namespace {

constexpr std::size_t id_length = 16;
constexpr std::size_t secret_bytes = 32;

std::string random_hex_id() {
    auto raw = sha256(random_token(16));
    static constexpr char digits[] = "0123456789abcdef";
    std::string id;
    for (std::size_t i = 0; i < id_length / 2; ++i) {
        auto c = static_cast<unsigned char>(raw[i]);
        id += digits[c >> 4];
        id += digits[c & 15];
    }
    return id;
}

}  // namespace

minted_token mint_token(std::string_view prefix) {
    auto id = random_hex_id();
    auto secret = random_token(secret_bytes);
    return {id, sha256(secret), std::string(prefix) + id + "_" + secret};
}

std::optional<presented_token> read_bearer(std::string_view value, std::string_view prefix) {
    // RFC 6750 §2.1: "Bearer" (any case) followed by the token.
    constexpr std::string_view scheme = "bearer ";
    if (value.size() <= scheme.size() || !iequals(value.substr(0, scheme.size()), scheme)) return std::nullopt;
    value.remove_prefix(scheme.size());
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    return read_token(value, prefix);
}

std::optional<presented_token> read_token(std::string_view value, std::string_view prefix) {
    if (value.size() <= prefix.size() + id_length + 1 || value.substr(0, prefix.size()) != prefix ||
        value[prefix.size() + id_length] != '_') {
        return std::nullopt;
    }
    return presented_token{std::string(value.substr(prefix.size(), id_length)),
                           sha256(value.substr(prefix.size() + id_length + 1))};
}

bool token_matches(presented_token const& presented, std::optional<std::string> const& stored_hash) noexcept {
    std::string const expected = stored_hash ? *stored_hash : std::string(presented.secret_hash.size(), '\0');
    return constant_time_equal(presented.secret_hash, expected) && stored_hash.has_value();
}

std::string redacted_token(std::string_view token, std::string_view prefix) {
    auto const presented = read_token(token, prefix);
    if (!presented) return "[redacted]";
    return std::string(prefix) + presented->id + "_[redacted]";
}

}  // namespace scim::core
