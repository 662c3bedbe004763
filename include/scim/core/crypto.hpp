#pragma once
// The few cryptographic primitives scimd needs, from OpenSSL.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace scim::core {

// n bytes from the operating system's CSPRNG, base64url without padding.
std::string random_token(std::size_t bytes);

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);

// Compares without an early exit, so timing reveals nothing about where inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// HMAC-SHA256 (RFC 2104) of `data` under `key`: the raw 32-byte tag.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Base64url without padding (RFC 4648 §5), and its inverse (nullopt for anything that is not
// exactly such an encoding).
std::string base64url_encode(std::string_view data);
std::optional<std::string> base64url_decode(std::string_view text);

// A random UUID (version 4) in canonical lower-case form.
std::string random_uuid();

}  // namespace scim::core
