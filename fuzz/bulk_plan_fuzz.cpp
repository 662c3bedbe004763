// A BulkRequest (RFC 7644 §3.7) as POST /Bulk reads it (src/api/bulk.cpp): the body read as
// the request body is (protocol::parse_scim_body, two levels deeper than a resource), then
// planned (protocol::plan_bulk) under scimd's default maxOperations; then every reference of
// the plan replaced as the run does it (protocol::replace_bulk_references). The input is the
// body.
//
// Invariants, beyond not crashing:
// - a request refused whole gets one of the kinds bulk_plan.hpp documents (400 invalidSyntax
//   or invalidValue, 413 over maxOperations) with a UTF-8 detail;
// - the order holds every operation exactly once;
// - an operation that runs (no refusal) comes after every POST it references, and references
//   only bulkIds of POSTs of the request (an unknown one is its refusal);
// - a refusal is a 400 (malformed, unknown bulkId) or a 409 (a circle), with a UTF-8 detail;
// - once every bulkId stands for an id, no reference is left in the data of an operation.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/config.hpp"
#include "scim/protocol/bulk_plan.hpp"
#include "scim/protocol/json_body.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace json = boost::json;
namespace protocol = scim::protocol;

bool has_reference(json::value const& v) {
    std::vector<json::value const*> pending{&v};
    while (!pending.empty()) {
        auto const* x = pending.back();
        pending.pop_back();
        if (auto const* s = x->if_string()) {
            if (protocol::bulk_reference_of(*s)) return true;
        } else if (auto const* a = x->if_array()) {
            for (auto const& e : *a) pending.push_back(&e);
        } else if (auto const* o = x->if_object()) {
            for (auto const& m : *o) pending.push_back(&m.value());
        }
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const depth = core::scim_limits{}.max_json_depth + 2;
    protocol::bulk_plan plan;
    try {
        auto const body = protocol::parse_scim_body(std::nullopt, fuzz::text_of(data, size), depth);
        plan = protocol::plan_bulk(body, core::bulk_limits{}.max_operations);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {core::error_type::invalid_syntax, core::error_type::invalid_value,
                                       core::error_type::payload_too_large});
        return 0;
    }
    auto const n = plan.operations.size();
    fuzz::require(plan.order.size() == n, "the order holds every operation");
    std::vector<std::size_t> position(n, n);
    for (std::size_t i = 0; i < n; ++i) {
        auto const op = plan.order[i];
        fuzz::require(op < n && position[op] == n, "the order holds each operation once");
        position[op] = i;
    }
    std::map<std::string, std::size_t> posts;
    for (std::size_t i = 0; i < n; ++i) {
        auto const& op = plan.operations[i];
        if (op.bulk_id && op.method == "POST") posts.emplace(*op.bulk_id, i);
    }
    for (std::size_t i = 0; i < n; ++i) {
        auto const& op = plan.operations[i];
        if (op.refusal) {
            fuzz::require_client_error(*op.refusal, {core::error_type::invalid_syntax, core::error_type::invalid_value,
                                                     core::error_type::conflict});
            continue;
        }
        for (auto const& id : op.references) {
            auto const post = posts.find(id);
            fuzz::require(post != posts.end(), "a running operation references only POSTs of the request", id);
            fuzz::require(position[post->second] < position[i], "a referenced POST comes first", id);
        }
        auto resolved = op.data;
        protocol::replace_bulk_references(resolved, [](std::string const& id) -> std::optional<std::string> {
            return "id-" + std::to_string(id.size());
        });
        fuzz::require(!has_reference(resolved), "no reference is left once every bulkId has an id",
                      json::serialize(resolved));
    }
    return 0;
}
