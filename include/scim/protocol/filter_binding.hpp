#pragma once
// The second filter stage (parse → bind → emit, ARCHITECTURE.md "Conventions"): every
// attribute path of a parsed filter resolved against the schema registry for one resource
// type, and every operator and value checked against the attribute's type (RFC 7644
// §3.4.2.2, RFC 7643 §2.3). What comes out names registry attributes only, in the registry's
// spelling, so the SQL emitter never sees client spelling or an unknown name.
//
// Rules (each refusal is core::error(invalid_filter) with a detail naming the problem):
// - names are case-insensitive (RFC 7643 §2.1); an unqualified name is a common attribute
//   (id, externalId, meta) or an attribute of the resource type's core schema; a
//   URN-qualified one (RFC 7644 §3.10) names the core schema or one of the type's extensions;
//   a whole extension URN is allowed with "pr" only;
// - an attribute the schemas do not declare, a sub-attribute of a simple attribute, and an
//   attribute that is never returned (password: RFC 7643 §7, a filter would reveal it) are
//   refused;
// - a comparison on a complex attribute compares its "value" sub-attribute (RFC 7644
//   §3.4.2.2 "emails eq" style); one without a "value" sub-attribute takes "pr" only;
// - operators per type: eq/ne everywhere; co/sw/ew on string and reference; gt/ge/lt/le on
//   string, reference, integer, decimal and dateTime (RFC 7644 §3.4.2.2 refuses them for
//   boolean and binary); pr everywhere;
// - values per type: a JSON string for string, reference, binary and dateTime (an xsd
//   dateTime, RFC 7643 §2.3.5), true/false for boolean, an integer for integer, a number for
//   decimal; null only with eq ("is not present") and ne ("is present");
// - a value path ("emails[type eq "work"]") needs a complex attribute; its condition names
//   that attribute's sub-attributes.

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scim/core/error.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/schema_registry.hpp"

namespace scim::protocol {

// Where a bound path points. Within a value path's condition, `attribute` is the
// sub-attribute of the value path's attribute and `sub_attribute` is null.
struct bound_path {
    std::string schema_urn;  // the extension's URN; "" for the core schema and common attributes
    // Qualified: the member named `attribute` would otherwise hide the type.
    protocol::attribute const* attribute = nullptr;      // null only for a whole extension ("<urn> pr")
    protocol::attribute const* sub_attribute = nullptr;  // the named (or implied "value") sub-attribute, if any
    bool common = false;                                 // id, externalId, meta (RFC 7643 §3.1)

    // The attribute whose value is compared: the sub-attribute when there is one.
    protocol::attribute const& leaf() const { return sub_attribute ? *sub_attribute : *attribute; }
};

struct bound_filter;

struct bound_comparison {
    bound_path path;
    comparison_operator op = comparison_operator::eq;
    comparison_value value;  // checked against leaf().type; never null (see bound_presence)
};

// "pr", and also "eq null" (negated: not present) and "ne null" (present).
struct bound_presence {
    bound_path path;
    bool negated = false;
};

struct bound_logical {
    logical_operator op = logical_operator::conjunction;
    std::vector<bound_filter> operands;
};

struct bound_not {
    std::unique_ptr<bound_filter> operand;
};

// Some value of `path.attribute` (complex) satisfies `condition`, whose paths are relative.
struct bound_value_path {
    bound_path path;
    std::unique_ptr<bound_filter> condition;
};

struct bound_filter {
    std::variant<bound_comparison, bound_presence, bound_logical, bound_not, bound_value_path> node;
};

bound_filter bind_filter(filter const& parsed, schema_registry const& registry, resource_type const& type);

// One attribute path resolved the same way (sortBy, RFC 7644 §3.4.2.3). Throws
// core::error(`error`) naming `what` ("sortBy") when the path is unknown.
bound_path bind_path(attribute_path const& path, schema_registry const& registry, resource_type const& type,
                     core::error_type error, std::string const& what);

// A PATCH path (RFC 7644 §3.5.2, Figure 7) resolved the same way: the attribute (or a whole
// extension), the value filter on its elements, and the sub-attribute named after "]".
// Throws core::error(invalid_path) for a path that names nothing, and
// core::error(invalid_filter) for a bad filter between the brackets (RFC 7644 §3.12).
struct bound_patch_path {
    bound_path target;
    std::optional<bound_filter> value_filter;               // relative to target.attribute
    protocol::attribute const* sub_after_filter = nullptr;  // "emails[…].value" → value
};
bound_patch_path bind_patch_path(patch_path const& path, schema_registry const& registry, resource_type const& type);

// The canonical text of a bound path (registry spelling, URN for extensions), for cursors,
// logs and error details: "name.familyName", "urn:…:enterprise:2.0:User:department".
std::string to_string(bound_path const& path);

}  // namespace scim::protocol
