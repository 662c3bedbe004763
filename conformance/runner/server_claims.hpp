#pragma once
// What a server says it supports, read from its discovery documents (RFC 7644 §4,
// RFC 7643 §5, RFC 9865 §5), and whether a case's requirements are among them. A case that
// needs something the server does not claim is skipped with the reason, never failed.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace scim::conformance {

struct server_claims {
    // ServiceProviderConfig features whose "supported" is true: patch, bulk, filter, sort,
    // etag, changePassword; "cursor" when pagination.cursor is true (RFC 9865 §5);
    // "rateLimited" when the runner was told the server's rate limit (--rate-limit-burst).
    std::set<std::string> features;
    std::set<std::string> resource_types;  // /ResourceTypes names, lower-case ("user", "group")
    std::set<std::string> schemas;         // /Schemas ids, lower-case URNs
    // Declared uniqueness by "<urn>:<attribute>[.<sub>]", all lower case (declared_uniqueness.hpp).
    std::map<std::string, std::string> uniqueness;
    // Every integer a ServiceProviderConfig feature declares, by "<feature>.<member>":
    // "bulk.maxOperations", "bulk.maxPayloadSize", "filter.maxResults", …
    std::map<std::string, std::int64_t> numbers = {};
};

// `schemas` and `resource_types` are the bodies of GET /Schemas and GET /ResourceTypes: a
// ListResponse, or a bare array as some servers answer.
server_claims read_claims(boost::json::value const& service_provider_config, boost::json::value const& schemas,
                          boost::json::value const& resource_types);

// A requirement is a feature name ("patch", "cursor", ...), "resource:<Name>", "schema:<urn>",
// "uniqueness:<urn>:<attribute>[.<sub>]=<value>" (what /Schemas declares) or
// "claim:<feature>.<member>" (a positive number the server declares, that a case builds a body
// to: sized_body.hpp). Returns why the first unmet one is unmet; nullopt when all are met.
std::optional<std::string> unmet_requirement(server_claims const& claims, std::vector<std::string> const& requirements);

}  // namespace scim::conformance
