#pragma once
// Reading the values of a result row (soci::row).

#include <optional>
#include <string>

#include <soci/soci.h>

namespace scim::store {

// Column `i` as text; nullopt when it is NULL.
inline std::optional<std::string> nullable_text(soci::row const& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? std::optional<std::string>(r.get<std::string>(i)) : std::nullopt;
}

}  // namespace scim::store
