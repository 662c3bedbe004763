// Request-body validation (RFC 7643 §2, RFC 7644 §3.3 and §3.5.1) as POST and PUT run it:
// the body read as every SCIM body is (protocol::parse_scim_body), then checked against the
// real User and Group schemas under scimd's limits (protocol::validate_for_create, and
// validate_for_replace over a stored User). The input is the request body.
//
// Invariants, beyond not crashing:
// - every refusal is one json_body.hpp and validation.hpp document (invalidSyntax,
//   invalidValue, mutability), 400 with a UTF-8 detail;
// - an accepted body becomes the stored form validation.hpp describes: declared attribute
//   names in their declared case, extension attributes under their URN, and no schemas, id,
//   meta, readOnly or writeOnly attribute;
// - the stored form is a fixed point: validated again, as a POST or as a PUT over itself, it
//   is unchanged;
// - it renders (protocol::render_resource) as JSON that serializes as UTF-8 and reads back
//   equal.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/config.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/protocol/validation.hpp"
#include "scim/protocol/value_limits.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace json = boost::json;
namespace protocol = scim::protocol;
using core::error_type;

constexpr std::string_view existing_user = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "userName": "bjensen@example.com", "externalId": "00u1", "displayName": "Babs Jensen", "active": true,
  "name": {"familyName": "Jensen", "givenName": "Barbara"},
  "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "701984"}
})";

// As the use cases set them: a Group's members are bounded by a limit of their own.
protocol::value_limits limits_for(protocol::resource_type const& type) {
    return protocol::value_limits_of(core::scim_limits{}, type.name == "Group" ? "members" : "");
}

bool storable(protocol::attribute const* a, std::string const& key) {
    return a && a->name == key && a->mutability != protocol::mutability::read_only &&
           a->mutability != protocol::mutability::write_only;
}

void check_stored_form(protocol::resource_type const& type, json::object const& stored) {
    auto const& registry = fuzz::builtin_registry();
    auto const& core_schema = *registry.find_schema(type.schema);
    for (auto const& member : stored) {
        std::string const key = member.key();
        bool extension = false;
        for (auto const& e : type.extensions) extension = extension || e.schema == key;
        if (extension) {
            fuzz::require(member.value().is_object(), "an extension is stored as an object", key);
            auto const& schema = *registry.find_schema(key);
            for (auto const& inner : member.value().as_object()) {
                fuzz::require(storable(schema.find_attribute(inner.key()), inner.key()),
                              "a stored extension attribute is declared, writable and in its declared case",
                              key + ":" + std::string(inner.key()));
            }
            continue;
        }
        auto const* a = registry.find_common_attribute(key);
        if (!a) a = core_schema.find_attribute(key);
        fuzz::require(storable(a, key), "a stored attribute is declared, writable and in its declared case", key);
    }
}

void check_accepted(protocol::resource_type const& type, json::object const& stored) {
    auto const& registry = fuzz::builtin_registry();
    check_stored_form(type, stored);
    auto const body = protocol::with_schemas(type, stored);
    try {
        fuzz::require(protocol::validate_for_create(registry, type, body, limits_for(type)).attributes == stored,
                      "the stored form is a fixed point of POST validation", json::serialize(stored));
        fuzz::require(
            protocol::validate_for_replace(registry, type, body, stored, limits_for(type)).attributes == stored,
            "the stored form is a fixed point of PUT validation", json::serialize(stored));
    } catch (core::error const& e) {
        fuzz::broken("the stored form validates again", json::serialize(stored) + "\n" + e.detail());
    }
    protocol::resource_meta const meta{"2024-01-31T12:00:00Z", "2024-01-31T12:00:00Z",
                                       "https://scim.example.com/Users/2819c223", 1};
    auto const text = json::serialize(protocol::render_resource(registry, type, "2819c223", stored, meta));
    fuzz::require(fuzz::valid_utf8(text), "a rendered resource is UTF-8", text);
    fuzz::require(json::parse(text).is_object(), "a rendered resource reads back", text);
}

void validate(protocol::resource_type const& type, json::object const& body, json::object const* existing) {
    auto const& registry = fuzz::builtin_registry();
    protocol::validated_resource resource;
    try {
        resource = existing ? protocol::validate_for_replace(registry, type, body, *existing, limits_for(type))
                            : protocol::validate_for_create(registry, type, body, limits_for(type));
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_syntax, error_type::invalid_value, error_type::mutability});
        return;
    }
    check_accepted(type, resource.attributes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const& registry = fuzz::builtin_registry();
    static auto const existing =
        protocol::validate_for_create(registry, registry.user_type(), json::parse(existing_user).as_object())
            .attributes;
    json::object body;
    try {
        body = protocol::parse_scim_body(std::string("application/scim+json; charset=utf-8"), fuzz::text_of(data, size),
                                         core::scim_limits{}.max_json_depth);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_syntax, error_type::invalid_value});
        return 0;
    }
    validate(registry.user_type(), body, nullptr);
    validate(registry.group_type(), body, nullptr);
    validate(registry.user_type(), body, &existing);
    return 0;
}
