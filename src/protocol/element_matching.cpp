#include "element_matching.hpp"

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "scim/core/text.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

bool present(json::value const* v) {
    if (!v || v->is_null()) return false;
    if (v->is_string()) return !v->as_string().empty();
    if (v->is_array()) return !v->as_array().empty();
    if (v->is_object()) return !v->as_object().empty();
    return true;
}

// Seconds since 1970 of an xsd:dateTime (RFC 7643 §2.3.5); a missing offset is UTC, as the
// database session reads it.
std::optional<double> instant(std::string_view t) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
    double second = 0;
    char sep = 0;
    int consumed = 0;
    std::string const text(t);
    if (std::sscanf(text.c_str(), "%d-%d-%d%c%d:%d:%lf%n", &year, &month, &day, &sep, &hour, &minute, &second,
                    &consumed) != 7 ||
        (sep != 'T' && sep != 't')) {
        return std::nullopt;
    }
    // Days from the civil date (H. Hinnant's algorithm).
    int const y = year - (month <= 2);
    int const era = (y >= 0 ? y : y - 399) / 400;
    int const yoe = y - era * 400;
    int const doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    double seconds = (era * 146097.0 + doe - 719468) * 86400 + hour * 3600 + minute * 60 + second;
    std::string_view zone = t.substr(static_cast<std::size_t>(consumed));
    if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-')) {
        int const offset =
            ((zone[1] - '0') * 10 + (zone[2] - '0')) * 3600 + ((zone[4] - '0') * 10 + (zone[5] - '0')) * 60;
        seconds += zone[0] == '+' ? -offset : offset;
    }
    return seconds;
}

// -1, 0, 1, or nullopt when the two cannot be compared.
std::optional<int> order(attribute const& leaf, json::value const& stored, comparison_value const& literal) {
    auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
    switch (leaf.type) {
        case attribute_type::boolean:
            if (!stored.is_bool()) return std::nullopt;
            return sign(stored.as_bool(), std::get<bool>(literal));
        case attribute_type::integer:
        case attribute_type::decimal: {
            if (!stored.is_number()) return std::nullopt;
            return sign(stored.to_number<double>(), std::stod(std::get<number_literal>(literal).text));
        }
        case attribute_type::date_time: {
            if (!stored.is_string()) return std::nullopt;
            auto const a = instant(stored.as_string());
            auto const b = instant(std::get<std::string>(literal));
            if (!a || !b) return std::nullopt;
            return sign(*a, *b);
        }
        default: {
            if (!stored.is_string()) return std::nullopt;
            std::string a(stored.as_string());
            std::string b = std::get<std::string>(literal);
            if (!leaf.case_exact) {
                a = core::to_lower_ascii(a);
                b = core::to_lower_ascii(b);
            }
            return sign(a.compare(b), 0);
        }
    }
}

bool compare(bound_comparison const& c, json::value const& element) {
    if (c.op == comparison_operator::ne) {
        return !compare(bound_comparison{c.path, comparison_operator::eq, c.value}, element);
    }
    json::value const* stored = element.is_object() ? element.as_object().if_contains(c.path.attribute->name) : nullptr;
    if (!stored || stored->is_null()) return false;
    auto const& leaf = *c.path.attribute;
    if (c.op == comparison_operator::co || c.op == comparison_operator::sw || c.op == comparison_operator::ew) {
        if (!stored->is_string()) return false;
        std::string a(stored->as_string());
        std::string b = std::get<std::string>(c.value);
        if (!leaf.case_exact) {
            a = core::to_lower_ascii(a);
            b = core::to_lower_ascii(b);
        }
        if (c.op == comparison_operator::co) return a.find(b) != std::string::npos;
        if (c.op == comparison_operator::sw) return a.compare(0, b.size(), b) == 0;
        return a.size() >= b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0;
    }
    auto const o = order(leaf, *stored, c.value);
    if (!o) return false;
    switch (c.op) {
        case comparison_operator::eq: return *o == 0;
        case comparison_operator::gt: return *o > 0;
        case comparison_operator::ge: return *o >= 0;
        case comparison_operator::lt: return *o < 0;
        case comparison_operator::le: return *o <= 0;
        default: return false;
    }
}

}  // namespace

bool element_matches(bound_filter const& condition, json::value const& element) {
    if (auto const* c = std::get_if<bound_comparison>(&condition.node)) return compare(*c, element);
    if (auto const* p = std::get_if<bound_presence>(&condition.node)) {
        json::value const* v = element.is_object() ? element.as_object().if_contains(p->path.attribute->name) : nullptr;
        return present(v) != p->negated;
    }
    if (auto const* l = std::get_if<bound_logical>(&condition.node)) {
        bool const all = l->op == logical_operator::conjunction;
        for (auto const& operand : l->operands) {
            if (element_matches(operand, element) != all) return !all;
        }
        return all;
    }
    if (auto const* n = std::get_if<bound_not>(&condition.node)) return !element_matches(*n->operand, element);
    return false;  // value paths do not nest (filter.hpp)
}

}  // namespace scim::protocol
