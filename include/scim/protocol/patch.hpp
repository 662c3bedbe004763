#pragma once
// PATCH (RFC 7644 §3.5.2): a PatchOp message applied to a stored resource, in memory, with
// the tolerance for what identity providers really send (IDP-BEHAVIOUR.md) applied in the
// same pass and recorded, so that an operator can see what was reinterpreted.
//
// Operations apply in order to a copy; any failure throws and nothing is kept. The result
// is not yet validated: the caller passes it through validate_for_replace, which checks
// types, required and immutable attributes exactly as for PUT.
//
// Semantics (RFC 7644 §3.5.2.1-3):
// - add: a multi-valued attribute gains the values it does not have yet; a complex one gets
//   the given sub-attributes; anything else is set;
// - replace: a multi-valued attribute's values are replaced (with a value filter: the
//   matching elements, or their sub-attribute); a complex one gets the given
//   sub-attributes, the others stay; anything else is set;
// - remove: the attribute, sub-attribute, or matching elements go; removing what is not
//   there is not an error;
// - without a path, the value is an object of attributes, each applied as its own path;
// - setting an element's "primary" to true clears it on the other elements (RFC 7643 §2.4).
// Errors: invalidSyntax (malformed PatchOp), invalidPath (a path that names nothing),
// invalidFilter (a bad value filter), noTarget (remove without a path), mutability (a
// readOnly target), invalidValue (a value of the wrong shape).
//
// Tolerance (each applied rule is reported in `normalizations`):
// - "op" in any case ("Replace");
// - "True"/"False" strings where the schema says boolean;
// - keys with a sub-attribute or schema URN in a path-less value ("name.givenName",
//   "urn:…:enterprise:2.0:User:employeeNumber");
// - add or replace through a value filter that matches nothing creates the element from
//   the filter's "eq" terms (emails[type eq "work"].value → {"type": "work", "value": …});
// - a plain string for a complex attribute with a "value" sub-attribute (manager: "id");
// - a single value where the attribute is multi-valued (wrapped in an array);
// - remove of a multi-valued attribute with a value list removes those values only (the
//   Entra shape for group members), never the whole attribute.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/schema_registry.hpp"
#include "scim/protocol/value_limits.hpp"

namespace scim::protocol {

enum class patch_op_kind { add, remove, replace };

// An operation on an attribute the caller keeps outside the document (Group members, which
// are set operations in SQL): checked and tolerated like any other, then handed back in
// order instead of applied.
struct external_operation {
    patch_op_kind kind = patch_op_kind::add;
    bound_patch_path path;
    // The value in the attribute's shape: an array of elements for the whole attribute, one
    // element for a value filter, the sub-attribute's value after one; none for a remove
    // without a value.
    std::optional<boost::json::value> value;
};

struct patch_result {
    boost::json::object attributes;            // the stored form (validation.hpp), patched
    std::vector<std::string> normalizations;   // tolerance rules applied, one line each
    std::vector<external_operation> external;  // operations on `external_attribute`, in order
};

// `external_attribute` names a core multi-valued attribute of `type` whose operations are
// returned in `external` rather than applied to `stored` ("" for none).
// Limits (docs/errors.md "Limits"): more than `limits.max_patch_operations` operations →
// core::error(payload_too_large) before any is applied; an operation that leaves an attribute
// with more than `limits.max_values` values → invalidValue. Each operation costs what the
// values it touches cost, so that a PATCH costs time linear in its size.
patch_result apply_patch(schema_registry const& registry, resource_type const& type, boost::json::object const& stored,
                         boost::json::object const& patch_op, std::string_view external_attribute = {},
                         value_limits const& limits = {});

}  // namespace scim::protocol
