#include "scim/protocol/list_query.hpp"

#include <algorithm>
#include <limits>
#include <string_view>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

constexpr auto int64_max = std::numeric_limits<std::int64_t>::max();

// An optionally signed run of decimal digits. Values beyond 64 bits saturate: they are
// still integers, and any such startIndex or count is past every page anyway.
std::int64_t parse_integer(std::string_view name, std::string_view text) {
    std::size_t at = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        at = 1;
    }
    if (at == text.size()) {
        throw core::error(core::error_type::invalid_value, "\"" + std::string(name) + "\" must be an integer");
    }
    std::int64_t value = 0;
    for (; at < text.size(); ++at) {
        char c = text[at];
        if (c < '0' || c > '9') {
            throw core::error(core::error_type::invalid_value, "\"" + std::string(name) + "\" must be an integer");
        }
        int digit = c - '0';
        value = value > (int64_max - digit) / 10 ? int64_max : value * 10 + digit;
    }
    return negative ? -value : value;
}

}  // namespace

list_query parse_list_query(std::vector<std::pair<std::string, std::string>> const& parameters,
                            core::scim_limits const& limits) {
    auto const max_count = static_cast<std::int64_t>(std::min<std::size_t>(limits.max_page_size, int64_max));
    list_query q;
    q.count = std::min(static_cast<std::int64_t>(std::min<std::size_t>(limits.default_page_size, int64_max)), max_count);
    // RFC 7644 §3.4.2: parameter names are case-insensitive.
    for (auto const& [name, value] : parameters) {
        if (core::iequals(name, "startIndex")) {
            q.start_index = std::max<std::int64_t>(parse_integer(name, value), 1);
        } else if (core::iequals(name, "count")) {
            q.count = std::clamp<std::int64_t>(parse_integer(name, value), 0, max_count);
        } else if (core::iequals(name, "filter")) {
            q.filter = value;
        }
    }
    return q;
}

}  // namespace scim::protocol
