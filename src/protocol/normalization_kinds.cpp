#include "scim/protocol/normalization_kinds.hpp"

#include <algorithm>
#include <array>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace scim::protocol {
namespace {

// A rule's line is "<head>\"<value>\"<middle>…<tail>" (src/protocol/patch.cpp,
// attribute_values.cpp, src/api/scim_call.cpp); a kind is recognised by the fixed text around the
// values, which no value can supply before the line's first quote.
struct pattern {
    std::string_view starts;    // the line starts with it
    std::string_view contains;  // and contains it after that (empty: anything)
    std::string_view ends;      // and ends with it (empty: anything)
};

constexpr std::array<normalization_kind, 10> kinds{{
    {"op-case", "a PATCH op in another case (\"Replace\") read as its lower-case name"},
    {"endpoint-case", "an endpoint name in another case (/users) read as the declared one"},
    {"boolean-string", "a boolean sent as a string (\"True\", \"False\") read as the boolean"},
    {"single-value-wrapped", "a single value for a multi-valued attribute wrapped in an array"},
    {"plain-string-complex", "a plain string for a complex attribute read as its \"value\""},
    {"pathless-key-path", "a key of a path-less PATCH value read as an attribute path"},
    {"pathless-read-only-ignored", "a read-only attribute in a path-less PATCH value ignored"},
    {"remove-value-list", "a remove with a value list removing only those values"},
    {"filter-created-value", "a PATCH value filter that matched nothing creating the value it describes"},
    {"other", "another tolerance rule"},
}};

// The pattern of kinds[i], for every kind but "other".
constexpr std::array<pattern, kinds.size() - 1> patterns{{
    {"op in another case: \"", "\" read as \"", ""},
    {"endpoint name \"", "\" read as \"", ""},
    {"string \"", "\" for boolean \"", ""},
    {"single value for multi-valued \"", "", "\" wrapped in an array"},
    {"plain string for complex \"", "", "\" read as its \"value\""},
    {"path-less value key \"", "", "\" read as a path"},
    {"read-only \"", "", "\" in a path-less value ignored"},
    {"remove of \"", "", "\" with a value list removes those values only"},
    {"\"", "\" matched nothing; a value ", " was created"},
}};

bool matches(pattern const& p, std::string_view line) {
    if (!line.starts_with(p.starts) || !line.ends_with(p.ends)) return false;
    if (line.size() < p.starts.size() + p.ends.size()) return false;
    auto const middle = line.substr(p.starts.size(), line.size() - p.starts.size() - p.ends.size());
    return p.contains.empty() || middle.find(p.contains) != std::string_view::npos;
}

}  // namespace

std::span<normalization_kind const> normalization_kinds() { return kinds; }

normalization_kind const& normalization_kind_of(std::string_view line) {
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        if (matches(patterns[i], line)) return kinds[i];
    }
    return kinds.back();
}

normalization_kind const& normalization_kind_named(std::string_view id) {
    auto const found = std::find_if(kinds.begin(), kinds.end(), [&](auto const& k) { return k.id == id; });
    return found == kinds.end() ? kinds.back() : *found;
}

std::vector<std::string> normalization_kinds_of(boost::json::value const& normalized) {
    std::vector<std::string> out;
    auto const* object = normalized.if_object();
    auto const* lines = object ? object->if_contains("normalizations") : nullptr;
    if (!lines || !lines->is_array()) return out;
    for (auto const& line : lines->as_array()) {
        if (!line.is_string()) continue;
        std::string id(normalization_kind_of(line.as_string()).id);
        if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(std::move(id));
    }
    return out;
}

}  // namespace scim::protocol
