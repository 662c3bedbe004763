#pragma once
// The attributes the admin API's managed-accounts list filters and sorts on
// (docs/admin-api.md "Filtering managed accounts"), declared as an internal SCIM schema and
// resource type (schemas/admin/managed_account.json) so that the one filter machinery —
// parse, bind against a registry, emit SQL (ARCHITECTURE.md) — serves that list too, with the
// same operators, types, case rules and invalidFilter errors as SCIM's. Not a SCIM resource
// type: /Schemas and /ResourceTypes never show it.

#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {

schema_registry const& managed_account_registry();
resource_type const& managed_account_type();

}  // namespace scim::protocol
