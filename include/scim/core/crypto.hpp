#pragma once
// The few cryptographic primitives scimd needs, from OpenSSL.

#include <cstddef>
#include <string>
#include <string_view>

namespace scim::core {

// n bytes from the operating system's CSPRNG, base64url without padding.
std::string random_token(std::size_t bytes);

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);

// Compares without an early exit, so timing reveals nothing about where inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

// A random UUID (version 4) in canonical lower-case form.
std::string random_uuid();

}  // namespace scim::core
