#pragma once
// The promises of scim/protocol/filter_binding.hpp, checked on what the binder produced, for
// the filter and attribute path targets: a comparison's value fits its attribute's type and
// operator and is never null, a value path's condition names sub-attributes of its
// attribute, and the canonical text of every bound path outside brackets binds again to the
// same attribute.

#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/schema_registry.hpp"

namespace scim::fuzz {

// `parent`: the value path's attribute when `f` is its condition, else null.
void check_bound_filter(protocol::bound_filter const& f, protocol::attribute const* parent,
                        protocol::schema_registry const& registry, protocol::resource_type const& type);

enum class path_use { reading, patch_target };

// A path outside value brackets: a filter's, a sortBy, an attributes list's (reading), or what
// a PATCH path names (patch_target, which may name attributes never returned, like password).
void check_bound_path(protocol::bound_path const& path, protocol::schema_registry const& registry,
                      protocol::resource_type const& type, path_use use = path_use::reading);

}  // namespace scim::fuzz
