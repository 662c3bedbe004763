#pragma once
// A BulkRequest (RFC 7644 §3.7) read and planned before anything runs: each operation's method,
// resource and target, its data and version, the bulkId it creates and the bulkIds it
// references (§3.7.2), the order the operations run in (a POST runs before the first operation
// that references it), and the operations refused before they run: malformed ones, and every
// operation of a circle of references (§3.7.1). Pure: no I/O, no recursion (a chain of a
// thousand references walks no deeper than one).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "scim/core/error.hpp"

namespace scim::protocol {

inline constexpr char const* bulk_request_urn = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
inline constexpr char const* bulk_response_urn = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";
// §3.7.2: "bulkId:" followed by the bulkId stands for the id of the resource its POST creates.
inline constexpr char const* bulk_reference_prefix = "bulkId:";

enum class bulk_method { post, put, patch, remove };
enum class bulk_resource { user, group };

struct bulk_operation {
    // As the request sends them, for the response (§3.7.3 echoes method and bulkId).
    std::string method;
    std::optional<std::string> bulk_id;
    // What was understood of it; meaningful only when `refusal` is empty.
    bulk_method verb = bulk_method::post;
    bulk_resource resource = bulk_resource::user;
    // The id of the path ("/Users/{id}"), possibly "bulkId:x"; empty for a POST.
    std::string target;
    // The data of a POST, PUT or PATCH (a JSON object); null for a DELETE.
    boost::json::value data;
    // `version`: the operation's If-Match (§3.7, §3.14).
    std::optional<std::string> version;
    // The bulkIds its path and data reference, each once, in the order they appear.
    std::vector<std::string> references;
    // Why it does not run: a malformed operation, a reference to a bulkId no POST of the request
    // has, or a circle of references. It is answered with this error where the order puts it.
    std::optional<core::error> refusal;
};

struct bulk_plan {
    // §3.7.3 failOnErrors: stop once this many operations failed; none: run them all.
    std::optional<std::size_t> fail_on_errors;
    std::vector<bulk_operation> operations;  // in the order of the request
    // Indexes of `operations` in the order they are processed: the request's order, except
    // that an operation's referenced POSTs come first (§3.7.2). Every operation is in it once.
    std::vector<std::size_t> order;
};

// Reads and plans a BulkRequest body. What makes the request as a whole unusable throws
// core::error: no BulkRequest schema, no Operations array, an operation that is not an object
// (invalidSyntax); failOnErrors not a positive integer, a bulkId given twice (invalidValue);
// more than max_operations operations (payload_too_large, §3.7.4).
bulk_plan plan_bulk(boost::json::object const& body, std::size_t max_operations);

// `value` with every string "bulkId:x" of it replaced by resolved(x), at any depth.
// `resolved` answers the id, or nullopt when x has none (the value is then left as it is).
template <typename Resolve>
void replace_bulk_references(boost::json::value& value, Resolve const& resolved);

// The bulkId of a string that is a reference ("bulkId:x" → "x"), else nullopt.
std::optional<std::string> bulk_reference_of(std::string_view text);

template <typename Resolve>
void replace_bulk_references(boost::json::value& value, Resolve const& resolved) {
    std::vector<boost::json::value*> pending{&value};
    while (!pending.empty()) {
        auto* v = pending.back();
        pending.pop_back();
        if (auto* s = v->if_string()) {
            if (auto const id = bulk_reference_of(*s)) {
                if (auto const replacement = resolved(*id)) *s = *replacement;
            }
        } else if (auto* a = v->if_array()) {
            for (auto& element : *a) pending.push_back(&element);
        } else if (auto* o = v->if_object()) {
            for (auto& member : *o) pending.push_back(&member.value());
        }
    }
}

}  // namespace scim::protocol
