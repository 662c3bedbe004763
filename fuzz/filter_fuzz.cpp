// The filter stages a listing runs before any SQL exists (RFC 7644 §3.4.2.2): the lexer and
// parser (protocol::parse_filter, under the limits scimd runs with) and the binder
// (protocol::bind_filter, against the built-in User and Group schemas). The input is the
// filter text, as a client sends it in `filter=`.
//
// Invariants, beyond not crashing:
// - a refusal is invalid_filter: 400 with a UTF-8 detail;
// - the canonical text of a parsed filter (to_string) is valid UTF-8, parses back to the same
//   tree, and prints the same again (parsed with room for the parentheses it adds:
//   filter_trees.hpp);
// - a bound filter keeps filter_binding.hpp's promises: a comparison's value fits its
//   attribute's type and operator and is never null, a value path's condition names
//   sub-attributes of its attribute, and the canonical text of every bound path binds again
//   to the same attribute.

#include <cstddef>
#include <cstdint>
#include <string>

#include "bound_checks.hpp"
#include "filter_trees.hpp"
#include "scim/core/config.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace protocol = scim::protocol;

void bind_as(protocol::filter const& parsed, protocol::resource_type const& type) {
    protocol::bound_filter bound;
    try {
        bound = protocol::bind_filter(parsed, fuzz::builtin_registry(), type);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {core::error_type::invalid_filter});
        return;
    }
    fuzz::check_bound_filter(bound, nullptr, fuzz::builtin_registry(), type);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const text = fuzz::text_of(data, size);
    auto const limits = protocol::filter_limits_of(core::scim_limits{});
    protocol::filter parsed;
    try {
        parsed = protocol::parse_filter(text, limits);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {core::error_type::invalid_filter});
        return 0;
    }
    auto const printed = to_string(parsed);
    fuzz::require(fuzz::valid_utf8(printed), "the canonical text is UTF-8", printed);
    try {
        auto const again = protocol::parse_filter(printed, fuzz::canonical_text_limits(limits));
        fuzz::require(fuzz::same_tree(parsed, again), "the canonical text parses to the same tree", printed);
        fuzz::require(to_string(again) == printed, "the canonical text is a fixed point", printed);
    } catch (core::error const& e) {
        fuzz::broken("the canonical text parses", printed + "\n" + e.detail());
    }
    bind_as(parsed, fuzz::builtin_registry().user_type());
    bind_as(parsed, fuzz::builtin_registry().group_type());
    return 0;
}
