// Reading a request body (protocol::parse_scim_body, which every SCIM write and search uses)
// under the nesting limit scimd runs with. The input is the body.
//
// Invariants, beyond not crashing:
// - a body that is refused gets invalidSyntax (or invalidValue for a NUL), 400 with a UTF-8
//   detail (json_body.hpp);
// - a body that is read is a JSON object whose serialization is UTF-8 and reads back (under
//   the same limit) equal to it. Numbers that are doubles compare within a relative 1e-15:
//   Boost.JSON 1.81 does not always read a decimal to the nearest double
//   (1844674407370955155555…615 reads as 1.8446744073709551193e120, which serializes as
//   1.844674407370955E120, which reads as 1.8446744073709548326e120), and no SCIM attribute
//   scimd keeps is a decimal.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/config.hpp"
#include "scim/protocol/json_body.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace json = boost::json;
namespace protocol = scim::protocol;

bool close(double a, double b) { return a == b || std::fabs(a - b) <= 1e-15 * std::max(std::fabs(a), std::fabs(b)); }

bool same(json::value const& a, json::value const& b) {
    if (a.is_double() && b.is_double()) return close(a.get_double(), b.get_double());
    if (a.kind() != b.kind()) return false;
    if (auto const* x = a.if_object()) {
        auto const& y = b.get_object();
        if (x->size() != y.size()) return false;
        for (auto const& m : *x) {
            auto const* other = y.if_contains(m.key());
            if (!other || !same(m.value(), *other)) return false;
        }
        return true;
    }
    if (auto const* x = a.if_array()) {
        auto const& y = b.get_array();
        if (x->size() != y.size()) return false;
        for (std::size_t i = 0; i < x->size(); ++i) {
            if (!same((*x)[i], y[i])) return false;
        }
        return true;
    }
    return a == b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto const depth = core::scim_limits{}.max_json_depth;
    json::object body;
    try {
        body = protocol::parse_scim_body(std::nullopt, fuzz::text_of(data, size), depth);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {core::error_type::invalid_syntax, core::error_type::invalid_value});
        return 0;
    }
    auto const text = protocol::serialize(body);
    fuzz::require(fuzz::valid_utf8(text), "a body serializes as UTF-8", text);
    try {
        fuzz::require(same(protocol::parse_request_object(text, depth), body), "a body reads back equal", text);
    } catch (core::error const& e) {
        fuzz::broken("a serialized body reads back", text + "\n" + e.detail());
    }
    return 0;
}
