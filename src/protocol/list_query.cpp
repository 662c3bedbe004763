#include "scim/protocol/list_query.hpp"

#include <algorithm>
#include <limits>
#include <set>
#include <string_view>

#include <boost/json/array.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

constexpr auto int64_max = std::numeric_limits<std::int64_t>::max();

[[noreturn]] void invalid(std::string detail) { throw core::error(core::error_type::invalid_value, std::move(detail)); }

// Decimal digits, optionally signed. Values beyond 64 bits saturate: still integers, and
// any such startIndex or count is past every page anyway.
std::int64_t parse_integer(std::string_view name, std::string_view text) {
    std::size_t at = 0;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        at = 1;
    }
    if (at == text.size()) invalid("\"" + std::string(name) + "\" must be an integer");
    std::int64_t value = 0;
    for (; at < text.size(); ++at) {
        char c = text[at];
        if (c < '0' || c > '9') invalid("\"" + std::string(name) + "\" must be an integer");
        int digit = c - '0';
        value = value > (int64_max - digit) / 10 ? int64_max : value * 10 + digit;
    }
    return negative ? -value : value;
}

// Collects the parameters of either form, then checks them together.
class builder {
public:
    explicit builder(core::scim_limits const& limits) {
        max_count_ = static_cast<std::int64_t>(std::min<std::size_t>(limits.max_page_size, int64_max));
        q_.count =
            std::min(static_cast<std::int64_t>(std::min<std::size_t>(limits.default_page_size, int64_max)), max_count_);
    }

    // Returns false for a parameter that is not a list parameter.
    bool take(std::string_view name, std::string const& value) {
        if (core::iequals(name, "startIndex")) {
            seen(name);
            start_index_given_ = true;
            q_.start_index = parse_integer("startIndex", value);
            // RFC 7644 §3.4.2.4: "A value less than 1 SHALL be interpreted as 1."
            q_.start_index = std::max<std::int64_t>(q_.start_index, 1);
        } else if (core::iequals(name, "count")) {
            seen(name);
            auto const count = parse_integer("count", value);
            // RFC 7644 §3.4.2.4: "A negative value SHALL be interpreted as 0."
            q_.count = std::clamp<std::int64_t>(count, 0, max_count_);
        } else if (core::iequals(name, "filter")) {
            seen(name);
            if (value.find_first_not_of(" \t\r\n") == std::string::npos) {
                throw core::error(core::error_type::invalid_filter, "the filter is empty");
            }
            q_.filter = value;
        } else if (core::iequals(name, "sortBy")) {
            seen(name);
            if (value.empty()) invalid("\"sortBy\" is empty");
            q_.sort_by = value;
        } else if (core::iequals(name, "sortOrder")) {
            seen(name);
            if (core::iequals(value, "ascending")) {
                q_.order = sort_order::ascending;
            } else if (core::iequals(value, "descending")) {
                q_.order = sort_order::descending;
            } else {
                invalid("\"sortOrder\" must be \"ascending\" or \"descending\"");
            }
        } else if (core::iequals(name, "attributes")) {
            seen(name);
            q_.attributes = value;
        } else if (core::iequals(name, "excludedAttributes")) {
            seen(name);
            q_.excluded_attributes = value;
        } else if (core::iequals(name, "cursor")) {
            seen(name);
            q_.cursor = value;
        } else {
            return false;
        }
        return true;
    }

    list_query finish() {
        // RFC 9865 §3: the two paging methods do not mix within one request.
        if (q_.cursor && start_index_given_) invalid("use either \"startIndex\" or \"cursor\", not both");
        return q_;
    }

private:
    void seen(std::string_view name) {
        if (!names_.insert(core::to_lower_ascii(name)).second) invalid("\"" + std::string(name) + "\" is given twice");
    }

    std::int64_t max_count_ = 0;
    list_query q_;
    bool start_index_given_ = false;
    std::set<std::string> names_;
};

std::string string_member(boost::json::value const& v, std::string_view name) {
    if (!v.is_string()) invalid("\"" + std::string(name) + "\" must be a string");
    return std::string(v.as_string());
}

std::string integer_member(boost::json::value const& v, std::string_view name) {
    if (v.is_int64()) return std::to_string(v.as_int64());
    if (v.is_uint64()) return std::to_string(v.as_uint64());
    invalid("\"" + std::string(name) + "\" must be an integer");
}

std::string string_list_member(boost::json::value const& v, std::string_view name) {
    if (!v.is_array()) invalid("\"" + std::string(name) + "\" must be an array of strings");
    std::string joined;
    for (auto const& item : v.as_array()) {
        if (!item.is_string()) invalid("\"" + std::string(name) + "\" must be an array of strings");
        joined += (joined.empty() ? "" : ",") + std::string(item.as_string());
    }
    return joined;
}

}  // namespace

list_query parse_list_query(std::vector<std::pair<std::string, std::string>> const& parameters,
                            core::scim_limits const& limits) {
    builder b(limits);
    for (auto const& [name, value] : parameters) b.take(name, value);  // others are not ours
    return b.finish();
}

list_query parse_search_request(boost::json::object const& body, core::scim_limits const& limits) {
    constexpr std::string_view search_request = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    auto const* schemas = body.if_contains("schemas");
    bool declared = false;
    if (schemas && schemas->is_array()) {
        for (auto const& s : schemas->as_array())
            declared = declared || (s.is_string() && core::iequals(s.as_string(), search_request));
    }
    // RFC 7644 §3.4.3: the body is a SearchRequest message and says so.
    if (!declared)
        invalid("the body must be a SearchRequest: \"schemas\" must contain \"" + std::string(search_request) + "\"");
    builder b(limits);
    for (auto const& member : body) {
        std::string_view const name = member.key();
        auto const& v = member.value();
        if (core::iequals(name, "startIndex") || core::iequals(name, "count")) {
            b.take(name, integer_member(v, name));
        } else if (core::iequals(name, "attributes") || core::iequals(name, "excludedAttributes")) {
            b.take(name, string_list_member(v, name));
        } else if (core::iequals(name, "filter") || core::iequals(name, "sortBy") || core::iequals(name, "sortOrder") ||
                   core::iequals(name, "cursor")) {
            b.take(name, string_member(v, name));
        }
    }
    return b.finish();
}

filter_limits filter_limits_of(core::scim_limits const& limits) {
    return {limits.max_filter_length, limits.max_filter_depth, limits.max_filter_terms};
}

bound_path bind_sort_by(std::string const& text, filter_limits const& limits, schema_registry const& registry,
                        resource_type const& type) {
    patch_path parsed;
    try {
        parsed = parse_path(text, limits);
    } catch (core::error const& e) {
        throw core::error(core::error_type::invalid_value, "sortBy: " + e.detail());
    }
    if (parsed.value_filter) {
        throw core::error(core::error_type::invalid_value,
                          "sortBy \"" + text + "\" must name an attribute, not a value filter");
    }
    return bind_path(parsed.attribute, registry, type, core::error_type::invalid_value, "sortBy");
}

}  // namespace scim::protocol
