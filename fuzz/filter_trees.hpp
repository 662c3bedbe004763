#pragma once
// Structural equality of parsed filters and PATCH paths (scim/protocol/filter.hpp), for the
// round-trip invariants of the filter and attribute path targets. The tree types hold
// unique_ptrs, so a defaulted operator== would compare addresses.

#include "scim/protocol/filter.hpp"

namespace scim::fuzz {

bool same_tree(protocol::filter const& a, protocol::filter const& b);
bool same_path(protocol::patch_path const& a, protocol::patch_path const& b);

// Limits under which the canonical text of what parsed under `limits` parses again. That text
// spells out the precedence ("a pr or b pr and c pr" prints as "(a pr or (b pr and c pr))"):
// the top and each level of the input may each hold an "or" chain and an "and" chain inside
// it, two levels of parentheses, and the text may be longer.
protocol::filter_limits canonical_text_limits(protocol::filter_limits const& limits);

}  // namespace scim::fuzz
