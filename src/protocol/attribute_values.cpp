#include "attribute_values.hpp"

#include <algorithm>
#include <utility>

#include <boost/json/array.hpp>

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "string_rules.hpp"
#include "value_formats.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

[[noreturn]] void refuse(std::string detail) { throw core::error(core::error_type::invalid_value, std::move(detail)); }

std::string quoted(std::string_view path) { return "\"" + std::string(path) + "\""; }

char const* type_phrase(attribute_type type) noexcept {
    switch (type) {
        case attribute_type::string: return "a string";
        case attribute_type::boolean: return "a boolean (true or false)";
        case attribute_type::decimal: return "a number";
        case attribute_type::integer: return "an integer";
        case attribute_type::date_time:
            return "an xsd:dateTime string such as \"2008-01-23T04:56:22Z\", in the years 0001 to 9999";
        case attribute_type::binary: return "a base64-encoded string";
        case attribute_type::reference: return "a reference (a URI string)";
        case attribute_type::complex: return "a JSON object";
    }
    return "a valid value";
}

[[noreturn]] void wrong_type(attribute const& a, std::string const& path) {
    refuse("attribute " + quoted(path) + " must be " + type_phrase(a.type));
}

// RFC 7643 §2.3.1: canonical values are suggestions; a known one is stored as declared so
// that "Work" and "work" filter alike, anything else is kept as sent.
json::value canonical_spelling(attribute const& a, json::string const& s) {
    for (auto const& c : a.canonical_values) {
        if (core::iequals(c, s)) return json::string(c);
    }
    return s;
}

// Before SQL: a value PostgreSQL would refuse (NUL, an index entry too large) or libpq would
// cut short (at NUL) is the client's error, never a 500 nor a truncation.
void check_text(json::string const& s, std::string const& path) {
    if (auto const problem = core::text_problem(s, text_rule_of(path)))
        refuse("attribute " + quoted(path) + " " + *problem);
}

std::optional<json::value> check_single(attribute const& a, json::value const& v, std::string const& path,
                                        value_limits const& limits, std::vector<std::string>& notes) {
    switch (a.type) {
        case attribute_type::string:
            if (!v.is_string()) wrong_type(a, path);
            check_text(v.as_string(), path);
            return canonical_spelling(a, v.as_string());
        case attribute_type::boolean:
            // Older Entra sends "True" and "False" (IDP-BEHAVIOUR.md), as PATCH values too
            // (protocol/patch.cpp): read as the booleans they name, and said so in the journal.
            if (v.is_string()) {
                auto const text = core::to_lower_ascii(v.as_string());
                if (text != "true" && text != "false") wrong_type(a, path);
                notes.push_back("string \"" + std::string(v.as_string()) + "\" for boolean \"" + path + "\" read as " +
                                text);
                return json::value(text == "true");
            }
            if (!v.is_bool()) wrong_type(a, path);
            return v;
        case attribute_type::decimal:
            if (!v.is_number()) wrong_type(a, path);
            return v;
        case attribute_type::integer:
            // RFC 7643 §2.3.4: no fractional part and no exponent, which is what the
            // parser keeps as an integer.
            if (!v.is_int64() && !v.is_uint64()) wrong_type(a, path);
            return v;
        case attribute_type::date_time:
            if (!v.is_string() || !is_storable_date_time(v.as_string())) wrong_type(a, path);
            return v;
        case attribute_type::binary:
            if (!v.is_string() || !is_base64(v.as_string())) wrong_type(a, path);
            check_text(v.as_string(), path);
            return v;
        case attribute_type::reference:
            if (!v.is_string()) wrong_type(a, path);
            check_text(v.as_string(), path);
            return v;
        case attribute_type::complex: {
            if (!v.is_object()) wrong_type(a, path);
            auto members = check_members(all_of(a.sub_attributes), v.as_object(), path + ".", limits, notes);
            if (members.empty()) return std::nullopt;
            return members;
        }
    }
    wrong_type(a, path);
}

bool is_primary(json::value const& v) {
    if (!v.is_object()) return false;
    auto const* primary = v.as_object().if_contains("primary");
    return primary && primary->is_bool() && primary->as_bool();
}

std::optional<json::value> check_value(attribute const& a, json::value const& v, std::string const& path,
                                       value_limits const& limits, std::vector<std::string>& notes) {
    if (v.is_null()) return std::nullopt;
    if (!a.multi_valued) return check_single(a, v, path, limits, notes);
    if (!v.is_array()) refuse("attribute " + quoted(path) + " is multi-valued and must be a JSON array");
    auto const& given = v.as_array();
    if (given.size() > limits.max_values && !core::iequals(path, limits.bounded_elsewhere)) {
        refuse("attribute " + quoted(path) + " has " + std::to_string(given.size()) + " values; at most " +
               std::to_string(limits.max_values) + " are allowed");
    }
    json::array values;
    values.reserve(given.size());
    std::size_t primaries = 0;
    for (auto const& item : given) {
        if (item.is_null()) refuse("attribute " + quoted(path) + " must not contain null");
        auto checked = check_single(a, item, path, limits, notes);
        if (!checked) continue;
        if (is_primary(*checked)) ++primaries;
        values.push_back(std::move(*checked));
    }
    // RFC 7643 §2.4: the "primary" attribute value true may appear no more than once.
    if (primaries > 1) refuse("at most one value of " + quoted(path) + " may have \"primary\": true");
    if (values.empty()) return std::nullopt;
    return values;
}

attribute const* find(attribute_set const& allowed, std::string_view name) noexcept {
    for (auto const* a : allowed) {
        if (core::iequals(a->name, name)) return a;
    }
    return nullptr;
}

bool contains(attribute_set const& set, attribute const* a) {
    return std::find(set.begin(), set.end(), a) != set.end();
}

bool is_empty_string(json::value const& v) { return v.is_string() && v.as_string().empty(); }

bool equivalent_single(attribute const& a, json::value const& x, json::value const& y) {
    if (a.type == attribute_type::complex && x.is_object() && y.is_object()) {
        for (auto const& sub : a.sub_attributes) {
            auto const* xs = x.as_object().if_contains(sub.name);
            auto const* ys = y.as_object().if_contains(sub.name);
            if (!xs || !ys) {
                if (xs || ys) return false;
                continue;
            }
            if (!equivalent(sub, *xs, *ys)) return false;
        }
        return true;
    }
    if (!a.case_exact && x.is_string() && y.is_string()) return core::iequals(x.as_string(), y.as_string());
    return x == y;
}

bool each_has_equivalent(attribute const& a, json::array const& xs, json::array const& ys) {
    return std::all_of(xs.begin(), xs.end(), [&](json::value const& x) {
        return std::any_of(ys.begin(), ys.end(), [&](json::value const& y) { return equivalent_single(a, x, y); });
    });
}

}  // namespace

attribute_set all_of(std::vector<attribute> const& attributes) {
    attribute_set set;
    for (auto const& a : attributes) set.push_back(&a);
    return set;
}

json::object check_members(attribute_set const& allowed, json::object const& members, std::string const& path,
                           value_limits const& limits, std::vector<std::string>& notes) {
    json::object kept;
    attribute_set seen;
    attribute_set assigned;
    for (auto const& member : members) {
        auto const* a = find(allowed, member.key());
        if (!a) refuse("unknown attribute " + quoted(path + std::string(member.key())));
        // Names are case-insensitive (RFC 7643 §2.1): "userName" and "username" are one attribute.
        if (contains(seen, a)) refuse("attribute " + quoted(path + a->name) + " is given more than once");
        seen.push_back(a);
        // RFC 7644 §3.3: readOnly values sent by the client SHALL be ignored.
        if (a->mutability == mutability::read_only) continue;
        auto checked = check_value(*a, member.value(), path + a->name, limits, notes);
        if (!checked) continue;
        if (!is_empty_string(*checked)) assigned.push_back(a);
        // writeOnly values (password) are accepted, but scimd keeps no credentials.
        if (a->mutability == mutability::write_only) continue;
        kept[a->name] = std::move(*checked);
    }
    for (auto const* a : allowed) {
        // readOnly required attributes (id) are the server's to assign.
        if (a->required && a->mutability != mutability::read_only && !contains(assigned, a)) {
            refuse("attribute " + quoted(path + a->name) + " is required");
        }
    }
    return kept;
}

bool equivalent(attribute const& a, json::value const& x, json::value const& y) {
    if (!a.multi_valued || !x.is_array() || !y.is_array()) return equivalent_single(a, x, y);
    auto const& xs = x.as_array();
    auto const& ys = y.as_array();
    return xs.size() == ys.size() && each_has_equivalent(a, xs, ys) && each_has_equivalent(a, ys, xs);
}

}  // namespace scim::protocol
