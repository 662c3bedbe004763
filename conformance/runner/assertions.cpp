#include "assertions.hpp"

#include <algorithm>
#include <cstdint>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "json_path.hpp"
#include "pattern.hpp"
#include "scim/core/text.hpp"

namespace scim::conformance {
namespace {

namespace json = boost::json;
using check = json_expectation::check;

std::string shown(json::value const& v) {
    auto text = json::serialize(v);
    return text.size() > 300 ? text.substr(0, 300) + "..." : text;
}

std::string shown(std::vector<json::value const*> const& found) {
    if (found.empty()) return "nothing";
    json::array values;
    for (auto const* v : found) values.push_back(*v);
    return found.size() == 1 ? shown(values[0]) : shown(json::value(std::move(values)));
}

// RFC 7643 §2.5: null and an empty array both mean "unassigned".
bool assigned(json::value const& v) { return !v.is_null() && !(v.is_array() && v.get_array().empty()); }

// `actual` holds `expected`: equal values, or for objects every expected member present (any
// case of its name, RFC 7643 §2.1) and holding the expected value.
bool includes(json::value const& actual, json::value const& expected) {
    if (!expected.is_object()) return same_value(actual, expected);
    if (!actual.is_object()) return false;
    for (auto const& [key, want] : expected.get_object()) {
        bool found = false;
        for (auto const& [name, have] : actual.get_object()) {
            if (core::iequals(name, key) && includes(have, want)) found = true;
        }
        if (!found) return false;
    }
    return true;
}

// The JSON type name of `v` as case files write it; integers are also numbers.
bool has_type(json::value const& v, std::string_view type) {
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_int64() || v.is_uint64();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_bool();
    if (type == "object") return v.is_object();
    return type == "array" && v.is_array();
}

// Why a JSON expectation fails; nullopt when it holds.
std::optional<std::string> json_failure(json_expectation const& e, json::value const& body, variables const& vars) {
    auto const found = select(body, e.path);
    auto const expected = substitute_json(e.expected, vars);
    auto const what = e.path + " is " + shown(found);
    std::vector<json::value const*> present;
    for (auto const* v : found) {
        if (assigned(*v)) present.push_back(v);
    }
    switch (e.kind) {
        case check::exists:
            if (present.empty()) return e.path + " should exist but is " + shown(found);
            return std::nullopt;
        case check::absent:
            if (!present.empty()) return e.path + " should be absent but is " + shown(found);
            return std::nullopt;
        case check::equals_if_present:
            if (present.empty()) return std::nullopt;
            [[fallthrough]];
        case check::equals:
            if (found.empty()) return e.path + " should equal " + shown(expected) + " but is absent";
            for (auto const* v : found) {
                if (!same_value(*v, expected)) return e.path + " should equal " + shown(expected) + " but " + what;
            }
            return std::nullopt;
        case check::contains: {
            // A path selecting one array looks inside it; otherwise among the selected values.
            std::vector<json::value const*> candidates = found;
            if (found.size() == 1 && found[0]->is_array()) {
                candidates.clear();
                for (auto const& element : found[0]->get_array()) candidates.push_back(&element);
            }
            for (auto const* v : candidates) {
                if (includes(*v, expected)) return std::nullopt;
            }
            return e.path + " should contain " + shown(expected) + " but " + what;
        }
        case check::matches: {
            auto const pattern = std::string(expected.get_string());
            if (found.empty()) return e.path + " should match /" + pattern + "/ but is absent";
            for (auto const* v : found) {
                if (!v->is_string() || !pattern_found(std::string(v->get_string()), pattern)) {
                    return e.path + " should match /" + pattern + "/ but " + what;
                }
            }
            return std::nullopt;
        }
        case check::type: {
            auto const type = std::string(expected.get_string());
            if (found.empty()) return e.path + " should be of type " + type + " but is absent";
            for (auto const* v : found) {
                if (!has_type(*v, type)) return e.path + " should be of type " + type + " but " + what;
            }
            return std::nullopt;
        }
        case check::length: {
            // An unassigned multi-valued attribute may be omitted (RFC 7643 §2.5): length 0.
            auto n = found.size() == 1 && found[0]->is_array() ? found[0]->get_array().size() : present.size();
            if (static_cast<std::int64_t>(n) != expected.as_int64()) {
                return e.path + " should have " + shown(expected) + " values but has " + std::to_string(n) + ": " +
                       shown(found);
            }
            return std::nullopt;
        }
    }
    return std::nullopt;
}

std::string status_list(std::vector<int> const& statuses) {
    std::string out;
    for (auto s : statuses) out += (out.empty() ? "" : " or ") + std::to_string(s);
    return out;
}

}  // namespace

std::optional<std::string> http_response::header(std::string_view name) const {
    for (auto const& [n, v] : headers) {
        if (core::iequals(n, name)) return v;
    }
    return std::nullopt;
}

std::vector<std::string> check_response(step const& s, http_response const& response, variables const& vars) {
    std::vector<std::string> failures;
    if (!s.statuses.empty() && std::find(s.statuses.begin(), s.statuses.end(), response.status) == s.statuses.end()) {
        failures.push_back("status should be " + status_list(s.statuses) + " but is " +
                           std::to_string(response.status));
    }
    for (auto const& h : s.expect_headers) {
        auto value = response.header(h.name);
        if (h.pattern) {
            auto pattern = substitute(*h.pattern, vars);
            if (!value) {
                failures.push_back("header " + h.name + " should match /" + pattern + "/ but is absent");
            } else if (!pattern_found(*value, pattern)) {
                failures.push_back("header " + h.name + " should match /" + pattern + "/ but is \"" + *value + "\"");
            }
        } else if (h.present && !value) {
            failures.push_back("header " + h.name + " should be present");
        } else if (!h.present && value) {
            failures.push_back("header " + h.name + " should be absent but is \"" + *value + "\"");
        }
    }
    if (s.expect_json.empty()) return failures;
    boost::system::error_code ec;
    auto body = json::parse(response.body, ec);
    if (ec) {
        failures.push_back("the body should be JSON but is: " + response.body.substr(0, 300));
        return failures;
    }
    for (auto const& e : s.expect_json) {
        if (auto failure = json_failure(e, body, vars)) failures.push_back(*failure);
    }
    return failures;
}

std::optional<std::string> capture(std::string const& from, http_response const& response) {
    static constexpr std::string_view header_prefix = "header:";
    if (from.starts_with(header_prefix)) return response.header(from.substr(header_prefix.size()));
    boost::system::error_code ec;
    auto body = json::parse(response.body, ec);
    if (ec) return std::nullopt;
    auto found = select(body, from);
    if (found.empty() || !assigned(*found[0])) return std::nullopt;
    if (found[0]->is_string()) return std::string(found[0]->get_string());
    return json::serialize(*found[0]);
}

}  // namespace scim::conformance
