#pragma once
// The single source of attribute truth: schemas and resource types as declared in
// schemas/scim/*.json (RFC 7643 §6, §7). Validation, rendering and discovery all read
// from here; nothing else hard-codes an attribute.

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace scim::protocol {

// RFC 7643 §2.3
enum class attribute_type { string, boolean, decimal, integer, date_time, binary, reference, complex };
// RFC 7643 §7 "mutability"
enum class mutability { read_only, read_write, immutable, write_only };
// RFC 7643 §7 "returned"
enum class returned { always, never, by_default, request };
// RFC 7643 §7 "uniqueness"
enum class uniqueness { none, server, global };

struct attribute {
    std::string name;
    attribute_type type = attribute_type::string;
    bool multi_valued = false;
    std::string description;
    bool required = false;
    bool case_exact = false;
    enum mutability mutability = mutability::read_write;
    enum returned returned = returned::by_default;
    enum uniqueness uniqueness = uniqueness::none;
    std::vector<std::string> canonical_values;
    std::vector<std::string> reference_types;
    std::vector<attribute> sub_attributes;

    // Attribute names are case-insensitive (RFC 7643 §2.1).
    attribute const* find_sub_attribute(std::string_view sub_name) const noexcept;
};

struct schema {
    std::string id;  // the schema URN
    std::string name;
    std::string description;
    std::vector<attribute> attributes;
    boost::json::object document;  // as declared, for /Schemas

    attribute const* find_attribute(std::string_view attribute_name) const noexcept;
};

struct schema_extension {
    std::string schema;  // URN
    bool required = false;
};

struct resource_type {
    std::string id;
    std::string name;
    std::string endpoint;  // "/Users"
    std::string description;
    std::string schema;  // core schema URN
    std::vector<schema_extension> extensions;
    boost::json::object document;  // as declared, for /ResourceTypes
};

class schema_registry {
public:
    // Each document is the JSON text of one Schema or ResourceType representation, or of an
    // array of them. Throws std::runtime_error describing the first malformed definition or
    // a resource type that names an undeclared schema.
    static schema_registry from_documents(std::vector<std::string_view> const& documents);
    // The documents of schemas/scim/, embedded in the binary at build time.
    static schema_registry builtin();

    schema const* find_schema(std::string_view id) const noexcept;  // URN, case-insensitive
    resource_type const* find_resource_type(std::string_view name) const noexcept;
    // The resource type named "User"; throws std::logic_error if it was not declared.
    resource_type const& user_type() const;
    // The resource type named "Group"; throws std::logic_error if it was not declared.
    resource_type const& group_type() const;

    std::vector<schema> const& schemas() const noexcept { return schemas_; }
    std::vector<resource_type> const& resource_types() const noexcept { return resource_types_; }

    // The common attributes every resource has: id, externalId, meta (RFC 7643 §3.1).
    std::vector<attribute> const& common_attributes() const noexcept { return common_; }
    attribute const* find_common_attribute(std::string_view name) const noexcept;

private:
    std::vector<schema> schemas_;
    std::vector<resource_type> resource_types_;
    std::vector<attribute> common_;
};

}  // namespace scim::protocol
