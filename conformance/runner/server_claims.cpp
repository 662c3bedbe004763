#include "server_claims.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "declared_uniqueness.hpp"
#include "scim/core/text.hpp"
#include "sized_body.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;

json::value const* member(json::value const& v, std::string_view name) {
    if (!v.is_object()) return nullptr;
    return v.get_object().if_contains(name);
}

bool is_true(json::value const* v) { return v && v->is_bool() && v->get_bool(); }

// The resources of a ListResponse (or a bare array).
json::array const* resources(json::value const& body) {
    if (body.is_array()) return &body.get_array();
    auto const* r = member(body, "Resources");
    return r && r->is_array() ? &r->get_array() : nullptr;
}

std::set<std::string> lower_strings(json::value const& body, std::string_view key) {
    std::set<std::string> out;
    if (auto const* list = resources(body)) {
        for (auto const& resource : *list) {
            auto const* v = member(resource, key);
            if (v && v->is_string()) out.insert(core::to_lower_ascii(v->get_string()));
        }
    }
    return out;
}

// "<urn>:<attribute>[.<sub>]=<value>": the server's /Schemas declares that uniqueness.
std::optional<std::string> unmet_uniqueness(server_claims const& claims, std::string const& requirement) {
    auto const equals = requirement.rfind('=');
    auto const path = requirement.substr(0, equals);
    auto const wanted = equals == std::string::npos ? std::string() : requirement.substr(equals + 1);
    auto const declared = claims.uniqueness.find(core::to_lower_ascii(path));
    if (declared == claims.uniqueness.end()) return "the server's /Schemas declares no uniqueness for " + path;
    if (declared->second != core::to_lower_ascii(wanted)) {
        return "the server's /Schemas declares uniqueness \"" + declared->second + "\" for " + path + ", not \"" +
               wanted + "\"";
    }
    return std::nullopt;
}

}  // namespace

server_claims read_claims(json::value const& spc, json::value const& schemas, json::value const& resource_types) {
    server_claims claims;
    for (char const* feature : {"patch", "bulk", "filter", "sort", "etag", "changePassword"}) {
        auto const* f = member(spc, feature);
        if (f && is_true(member(*f, "supported"))) claims.features.insert(feature);
    }
    if (auto const* p = member(spc, "pagination"); p && is_true(member(*p, "cursor"))) claims.features.insert("cursor");
    if (spc.is_object()) {
        for (auto const& [feature, block] : spc.get_object()) {
            if (!block.is_object()) continue;
            for (auto const& [name, value] : block.get_object()) {
                if (value.is_int64())
                    claims.numbers[std::string(feature) + "." + std::string(name)] = value.get_int64();
            }
        }
    }
    claims.schemas = lower_strings(schemas, "id");
    claims.resource_types = lower_strings(resource_types, "name");
    claims.uniqueness = declared_uniqueness(schemas);
    return claims;
}

std::optional<std::string> unmet_requirement(server_claims const& claims,
                                             std::vector<std::string> const& requirements) {
    static constexpr std::string_view resource_prefix = "resource:";
    static constexpr std::string_view schema_prefix = "schema:";
    static constexpr std::string_view uniqueness_prefix = "uniqueness:";
    static constexpr std::string_view claim_prefix = "claim:";
    for (auto const& r : requirements) {
        if (r.starts_with(uniqueness_prefix)) {
            if (auto reason = unmet_uniqueness(claims, r.substr(uniqueness_prefix.size()))) return reason;
            continue;
        }
        if (r.starts_with(resource_prefix)) {
            auto name = r.substr(resource_prefix.size());
            if (!claims.resource_types.contains(core::to_lower_ascii(name))) {
                return "the server's /ResourceTypes lists no " + name;
            }
        } else if (r.starts_with(schema_prefix)) {
            auto urn = r.substr(schema_prefix.size());
            if (!claims.schemas.contains(core::to_lower_ascii(urn))) return "the server's /Schemas lists no " + urn;
        } else if (r.starts_with(claim_prefix)) {
            auto const name = r.substr(claim_prefix.size());
            auto const found = claims.numbers.find(name);
            if (found == claims.numbers.end() || found->second <= 0)
                return "the server's /ServiceProviderConfig declares no positive number " + name;
            if (found->second > largest_built_size) {
                return "the server's /ServiceProviderConfig declares " + name + " " + std::to_string(found->second) +
                       ", more than the runner builds a request to (" + std::to_string(largest_built_size) + ")";
            }
        } else if (!claims.features.contains(r)) {
            // No discovery document announces a rate limit; the runner is told (README "Rate limits").
            if (r == "rateLimited") return "needs --rate-limit-burst N: the server's rate limit is not announced";
            return r == "cursor" ? "the server's /ServiceProviderConfig does not claim pagination.cursor (RFC 9865)"
                                 : "the server's /ServiceProviderConfig says " + r + ".supported is not true";
        }
    }
    return std::nullopt;
}

}  // namespace scim::conformance
