// Attribute paths (RFC 7644 §3.10) wherever a client writes one: a PATCH path (RFC 7644
// §3.5.2, with its value filter and sub-attribute), sortBy (§3.4.2.3), and the lists of
// attributes and excludedAttributes (§3.4.2.5). The input is the text of one of them.
//
// Invariants, beyond not crashing:
// - each refusal is the documented kind (invalidPath or invalidFilter for a PATCH path,
//   invalidValue for sortBy and the lists): 400 with a UTF-8 detail;
// - a parsed PATCH path prints as UTF-8, parses back to the same path, and prints the same;
// - a bound path keeps filter_binding.hpp's promises (bound_checks.hpp): its value filter's
//   paths are sub-attributes of its attribute, the sub-attribute after "]" is one too, and
//   its canonical text binds again to the same attribute;
// - whatever attributes or excludedAttributes say, a projected resource keeps what is
//   always returned (id, schemas, meta.resourceType: RFC 7643 §7, projection.hpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "bound_checks.hpp"
#include "filter_trees.hpp"
#include "scim/core/config.hpp"
#include "scim/protocol/filter.hpp"
#include "scim/protocol/filter_binding.hpp"
#include "scim/protocol/list_query.hpp"
#include "scim/protocol/projection.hpp"
#include "scim/protocol/rendering.hpp"
#include "scim/protocol/validation.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace json = boost::json;
namespace protocol = scim::protocol;
using core::error_type;

// The limits apply_patch parses PATCH paths with.
protocol::filter_limits const path_limits{};

// A User with a value for most attributes, as an identity provider would create it.
constexpr std::string_view full_user = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
  "userName": "bjensen@example.com", "externalId": "00u1", "displayName": "Babs Jensen",
  "nickName": "Babs", "title": "Tour Guide", "userType": "Employee", "preferredLanguage": "en-US",
  "locale": "en-US", "timezone": "America/Los_Angeles", "active": true,
  "name": {"formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"},
  "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true},
             {"value": "babs@jensen.org", "type": "home"}],
  "phoneNumbers": [{"value": "555-555-5555", "type": "work"}],
  "addresses": [{"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood",
                 "region": "CA", "postalCode": "91608", "country": "USA", "primary": true}],
  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
    "employeeNumber": "701984", "costCenter": "4130", "organization": "Universal Studios",
    "division": "Theme Park", "department": "Tour Operations",
    "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d"}}
})";

constexpr std::string_view full_group = R"({
  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Tour Guides",
  "externalId": "g1", "members": [{"value": "2819c223-7f76-453a-919d-413861904646", "type": "User"}]
})";

json::object rendered(protocol::resource_type const& type, std::string_view body) {
    auto const& registry = fuzz::builtin_registry();
    auto const stored = protocol::validate_for_create(registry, type, json::parse(body).as_object());
    protocol::resource_meta meta{"2024-01-31T12:00:00Z", "2024-01-31T12:00:00Z",
                                 "https://scim.example.com/Users/2819c223", 1};
    return protocol::render_resource(registry, type, "2819c223", stored.attributes, meta);
}

void check_patch_path(std::string_view text) {
    protocol::patch_path parsed;
    try {
        parsed = protocol::parse_path(text, path_limits);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_path, error_type::invalid_filter});
        return;
    }
    auto const printed = to_string(parsed);
    fuzz::require(fuzz::valid_utf8(printed), "the canonical path is UTF-8", printed);
    try {
        auto const again = protocol::parse_path(printed, fuzz::canonical_text_limits(path_limits));
        fuzz::require(fuzz::same_path(parsed, again), "the canonical path parses to the same path", printed);
        fuzz::require(to_string(again) == printed, "the canonical path is a fixed point", printed);
    } catch (core::error const& e) {
        fuzz::broken("the canonical path parses", printed + "\n" + e.detail());
    }
    auto const& registry = fuzz::builtin_registry();
    for (auto const* type : {&registry.user_type(), &registry.group_type()}) {
        protocol::bound_patch_path bound;
        try {
            bound = protocol::bind_patch_path(parsed, registry, *type);
        } catch (core::error const& e) {
            fuzz::require_client_error(e, {error_type::invalid_path, error_type::invalid_filter});
            continue;
        }
        fuzz::check_bound_path(bound.target, registry, *type, fuzz::path_use::patch_target);
        if (bound.value_filter) {
            auto const* a = bound.target.attribute;
            fuzz::require(a && a->type == protocol::attribute_type::complex && !bound.target.sub_attribute,
                          "a value filter selects elements of a complex attribute", printed);
            fuzz::check_bound_filter(*bound.value_filter, a, registry, *type);
        }
        if (bound.sub_after_filter) {
            fuzz::require(
                bound.value_filter.has_value() &&
                    bound.sub_after_filter == bound.target.attribute->find_sub_attribute(bound.sub_after_filter->name),
                "the sub-attribute after \"]\" belongs to the attribute", printed);
        }
    }
}

void check_sort_by(std::string_view text) {
    auto const& registry = fuzz::builtin_registry();
    auto const limits = protocol::filter_limits_of(core::scim_limits{});
    for (auto const* type : {&registry.user_type(), &registry.group_type()}) {
        protocol::bound_path bound;
        try {
            bound = protocol::bind_sort_by(std::string(text), limits, registry, *type);
        } catch (core::error const& e) {
            fuzz::require_client_error(e, {error_type::invalid_value});
            continue;
        }
        fuzz::check_bound_path(bound, registry, *type);
    }
}

void require_always_returned(json::object const& projected) {
    auto const* meta = projected.if_contains("meta");
    fuzz::require(projected.contains("id") && projected.contains("schemas") && meta && meta->is_object() &&
                      meta->as_object().contains("resourceType"),
                  "id, schemas and meta.resourceType are always returned", json::serialize(projected));
}

void check_projection(std::string_view text) {
    auto const& registry = fuzz::builtin_registry();
    static auto const user = rendered(registry.user_type(), full_user);
    static auto const group = rendered(registry.group_type(), full_group);
    for (auto const* type : {&registry.user_type(), &registry.group_type()}) {
        auto const& resource = type == &registry.user_type() ? user : group;
        for (bool excluded : {false, true}) {
            std::optional<std::string_view> attributes;
            std::optional<std::string_view> excluded_attributes;
            (excluded ? excluded_attributes : attributes) = text;
            protocol::projection p;
            try {
                p = protocol::parse_projection(attributes, excluded_attributes, registry, *type);
            } catch (core::error const& e) {
                fuzz::require_client_error(e, {error_type::invalid_value});
                continue;
            }
            for (auto const& path : p.attributes) fuzz::check_bound_path(path, registry, *type);
            for (auto const& path : p.excluded) fuzz::check_bound_path(path, registry, *type);
            require_always_returned(protocol::apply_projection(registry, *type, resource, p));
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const text = fuzz::text_of(data, size);
    check_patch_path(text);
    check_sort_by(text);
    check_projection(text);
    return 0;
}
