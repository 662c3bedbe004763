// PATCH (RFC 7644 §3.5.2) as scimd applies it, on resources built with the real schema
// registry: the body read as the request body is (protocol::parse_scim_body), the operations
// applied (protocol::apply_patch), the journal's record of it (protocol::applied_patch), and
// the result validated as a PUT body (protocol::validate_for_replace), in the order and under
// the limits of the PATCH use cases (service/scim_users.cpp, service/scim_groups.cpp). A Group's "members"
// operations come back as set operations (protocol::member_changes). The input is the PatchOp
// body; it is applied to each of a full User, a minimal User and a Group.
//
// Invariants, beyond not crashing:
// - every refusal is one of the kinds json_body.hpp, patch.hpp, member_changes.hpp and
//   validation.hpp document (400, or 413 for too many operations) with a UTF-8 detail: never
//   anything a client would see as a 500;
// - a PATCH that succeeds yields a stored resource that is a fixed point of validation (PUT
//   of it again changes nothing), so nothing invalid is ever written;
// - the tolerance notes and the journal record are valid UTF-8 and serialize;
// - member set operations name each id once.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/config.hpp"
#include "scim/protocol/journal.hpp"
#include "scim/protocol/json_body.hpp"
#include "scim/protocol/member_changes.hpp"
#include "scim/protocol/patch.hpp"
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

// Okta's shape of a full profile, with the enterprise extension.
constexpr std::string_view full_user = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "userName": "bjensen@example.com", "externalId": "00u1", "displayName": "Babs Jensen",
  "nickName": "Babs", "title": "Tour Guide", "userType": "Employee", "active": true,
  "name": {"formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"},
  "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
             {"value": "babs@jensen.org", "type": "home"}],
  "phoneNumbers": [{"value": "555-555-5555", "type": "work"}, {"value": "555-555-4444", "type": "mobile"}],
  "addresses": [{"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                 "region": "CA", "postalCode": "91608", "country": "USA", "primary": true}],
  "roles": [{"value": "guide", "primary": true}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
    "employeeNumber": "701984", "costCenter": "4130", "department": "Tour Operations",
    "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}}
})";

// What Entra creates first: little more than a name.
constexpr std::string_view minimal_user = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
  "userName": "ryan@contoso.com", "active": true, "externalId": "ryan"
})";

// Groups are stored without their members, which live in their own table.
constexpr std::string_view group = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Tour Guides", "externalId": "g1"
})";

json::object stored(protocol::resource_type const& type, std::string_view body) {
    return protocol::validate_for_create(fuzz::builtin_registry(), type, json::parse(body).as_object()).attributes;
}

void check_text(std::string const& text, std::string_view what) { fuzz::require(fuzz::valid_utf8(text), what, text); }

void check_members(std::vector<protocol::member_change> const& changes) {
    for (auto const& change : changes) {
        for (std::size_t i = 0; i < change.ids.size(); ++i) {
            for (std::size_t j = i + 1; j < change.ids.size(); ++j) {
                fuzz::require(change.ids[i] != change.ids[j], "a member set operation names each id once",
                              change.ids[i]);
            }
        }
        fuzz::require(change.what != protocol::member_change::kind::remove_matching || change.condition.has_value(),
                      "removing matching members has a condition");
    }
}

void patch(protocol::resource_type const& type, json::object const& before, json::object const& body,
           std::string_view external) {
    auto const& registry = fuzz::builtin_registry();
    auto const limits = protocol::value_limits_of(core::scim_limits{}, external);
    protocol::patch_result patched;
    try {
        patched = protocol::apply_patch(registry, type, before, body, external, limits);
    } catch (core::error const& e) {
        fuzz::require_client_error(
            e, {error_type::invalid_syntax, error_type::invalid_path, error_type::invalid_filter, error_type::no_target,
                error_type::mutability, error_type::invalid_value, error_type::payload_too_large});
        return;
    }
    for (auto const& note : patched.normalizations) check_text(note, "a tolerance note is UTF-8");
    check_text(json::serialize(protocol::applied_patch(registry, type, body, patched.normalizations)),
               "the journal's record is UTF-8");
    for (auto const& op : patched.external) {
        fuzz::require(!external.empty() && op.path.target.attribute && op.path.target.attribute->name == external,
                      "only the external attribute's operations come back");
    }
    try {
        check_members(protocol::member_changes(std::move(patched.external)));
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_path, error_type::invalid_value});
        return;
    }
    protocol::validated_resource resource;
    try {
        resource = protocol::validate_for_replace(registry, type, protocol::with_schemas(type, patched.attributes),
                                                  before, limits);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_syntax, error_type::invalid_value, error_type::mutability});
        return;
    }
    try {
        auto const again = protocol::validate_for_replace(
            registry, type, protocol::with_schemas(type, resource.attributes), resource.attributes, limits);
        fuzz::require(again.attributes == resource.attributes, "a patched resource is a fixed point of validation",
                      json::serialize(resource.attributes) + "\n" + json::serialize(again.attributes));
    } catch (core::error const& e) {
        fuzz::broken("a patched resource validates again", json::serialize(resource.attributes) + "\n" + e.detail());
    }
    check_text(json::serialize(protocol::attribute_diff(registry, type, before, resource.attributes)),
               "the journal's diff is UTF-8");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const& registry = fuzz::builtin_registry();
    static auto const users =
        std::vector<json::object>{stored(registry.user_type(), full_user), stored(registry.user_type(), minimal_user)};
    static auto const a_group = stored(registry.group_type(), group);
    json::object body;
    try {
        body = protocol::parse_scim_body(std::nullopt, fuzz::text_of(data, size), core::scim_limits{}.max_json_depth);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_syntax, error_type::invalid_value});
        return 0;
    }
    for (auto const& user : users) patch(registry.user_type(), user, body, {});
    patch(registry.group_type(), a_group, body, "members");
    return 0;
}
