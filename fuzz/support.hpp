#pragma once
// What the fuzz targets share (docs/fuzzing.md). A broken invariant prints what broke and
// aborts, which libFuzzer reports as a crash and saves the input for. Anything a function
// under test throws that is not a core::error escapes the target and aborts too: on a real
// request it would have been a 500.

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "scim/core/error.hpp"
#include "scim/protocol/schema_registry.hpp"

namespace scim::fuzz {

// The bytes libFuzzer hands a target, as text.
inline std::string_view text_of(std::uint8_t const* data, std::size_t size) {
    return {reinterpret_cast<char const*>(data), size};
}

// The registry of schemas/scim/ that scimd serves, built once.
protocol::schema_registry const& builtin_registry();

[[noreturn]] void broken(std::string_view invariant, std::string_view detail = {});

inline void require(bool holds, std::string_view invariant, std::string_view detail = {}) {
    if (!holds) broken(invariant, detail);
}

// Well-formed UTF-8 (Unicode 15 Table 3-7: no overlong forms, surrogates or values above
// U+10FFFF), what every response body must be.
bool valid_utf8(std::string_view text) noexcept;

// A refusal a client can be shown: one of the kinds the function under test documents, a 4xx
// status, and a detail that is not empty and is valid UTF-8 (it goes into a JSON body).
void require_client_error(core::error const& e, std::initializer_list<core::error_type> documented);

// `text` cut at each `separator`: "a|b|" → {"a", "b", ""}; "" → {""}.
std::vector<std::string_view> split(std::string_view text, char separator);

}  // namespace scim::fuzz
