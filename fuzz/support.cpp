#include "support.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace scim::fuzz {

protocol::schema_registry const& builtin_registry() {
    static auto const registry = protocol::schema_registry::builtin();
    return registry;
}

void broken(std::string_view invariant, std::string_view detail) {
    std::fprintf(stderr, "\ninvariant broken: %.*s\n", static_cast<int>(invariant.size()), invariant.data());
    if (!detail.empty()) std::fprintf(stderr, "%.*s\n", static_cast<int>(detail.size()), detail.data());
    std::abort();
}

bool valid_utf8(std::string_view text) noexcept {
    auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
    for (std::size_t i = 0; i < text.size();) {
        unsigned const lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        unsigned low = 0x80;
        unsigned high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (byte(i + 1) < low || byte(i + 1) > high) return false;
        for (std::size_t k = 2; k < length; ++k) {
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return false;
        }
        i += length;
    }
    return true;
}

void require_client_error(core::error const& e, std::initializer_list<core::error_type> documented) {
    auto const name = std::string(core::name_of(e.type()));
    require(std::find(documented.begin(), documented.end(), e.type()) != documented.end(),
            "the error is of a documented kind", name + ": " + e.detail());
    require(e.status() >= 400 && e.status() < 500, "the error is a 4xx", name + ": " + e.detail());
    require(!e.detail().empty(), "the error has a detail", name);
    require(valid_utf8(e.detail()), "the error detail is valid UTF-8", e.detail());
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (;;) {
        auto const at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return parts;
        text.remove_prefix(at + 1);
    }
}

}  // namespace scim::fuzz
