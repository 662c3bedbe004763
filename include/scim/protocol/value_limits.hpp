#pragma once
// The bounds a request's values meet beyond their schema (docs/errors.md "Limits"): how many
// values one multi-valued attribute may have and how many operations one PATCH may carry,
// from the server's configuration (core::scim_limits). String lengths and the code points a
// string may hold are fixed (core::text_limits, core/text_rules.hpp).

#include <cstddef>
#include <string_view>

#include "scim/core/config.hpp"

namespace scim::protocol {

struct value_limits {
    std::size_t max_values = core::scim_limits{}.max_attribute_values;
    std::size_t max_patch_operations = core::scim_limits{}.max_patch_operations;
    // A core multi-valued attribute whose values the caller bounds by a limit of its own (a
    // Group's members, by --max-members-per-request); max_values does not apply to it.
    std::string_view bounded_elsewhere;
};

inline value_limits value_limits_of(core::scim_limits const& limits, std::string_view bounded_elsewhere = {}) {
    return {limits.max_attribute_values, limits.max_patch_operations, bounded_elsewhere};
}

}  // namespace scim::protocol
