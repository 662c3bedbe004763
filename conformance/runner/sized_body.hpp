#pragma once
// Request bodies built to a size the server claims (conformance/README.md, "Bodies sized by
// the server's claims"): a limit such as /ServiceProviderConfig's bulk.maxOperations or
// bulk.maxPayloadSize is tested at the server's own number, whatever it is, so that a case
// can send exactly the limit and one more.

#include <cstddef>
#include <cstdint>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "server_claims.hpp"
#include "substitution.hpp"

namespace scim::conformance {

// The largest size a case may build to: a server claiming more has the case skipped
// (unmet_requirement), rather than the runner building a body of that size.
inline constexpr std::int64_t largest_built_size = 16 * 1024 * 1024;

// {"claim": "bulk.maxOperations", "plus": 1}: a number the server claims, plus `plus`.
struct claimed_size {
    std::string claim;
    std::int64_t plus = 0;
};

// "fillArray": copies of `item` appended to the body's array member `into` until it holds the
// claimed count; `${i}` in a copy is its number among the copies (1, 2, …).
struct array_fill {
    std::string into;
    boost::json::value item;
    claimed_size count;
};

// The size a claimed_size stands for; throws std::runtime_error when the server claims no such
// number (a case that needs it declares "claim:<name>" in "requires" and is skipped instead).
std::int64_t size_of(claimed_size const& size, server_claims const& claims);

// Appends the copies to `body` (its `into` member must be an array, or absent: it is created).
void fill_array(boost::json::object& body, array_fill const& fill, std::int64_t count, variables vars);

// `json_object` (a serialized JSON object) with spaces before its closing brace until it is
// `size` bytes (JSON allows white space between tokens); unchanged when it is that long already.
std::string padded(std::string json_object, std::size_t size);

}  // namespace scim::conformance
