#pragma once
// The registry of schemas/scim/, built once per test binary.

#include "scim/protocol/schema_registry.hpp"

namespace scim::testing {

inline protocol::schema_registry const& builtin_registry() {
    static auto const registry = protocol::schema_registry::builtin();
    return registry;
}

}  // namespace scim::testing
