#include "known_failures.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace scim::conformance {

known_failures parse_known_failures(boost::json::value const& document) {
    auto fail = [] {
        throw case_format_error(
            R"(known failures: expected {"known_failures": [{"case": "area/id", "reason": "..."}]})");
    };
    auto const* list = document.is_object() ? document.get_object().if_contains("known_failures") : nullptr;
    if (!list || !list->is_array()) fail();
    known_failures out;
    for (auto const& entry : list->get_array()) {
        auto const* o = entry.if_object();
        auto const* name = o ? o->if_contains("case") : nullptr;
        auto const* reason = o ? o->if_contains("reason") : nullptr;
        if (!name || !name->is_string() || !reason || !reason->is_string() || reason->get_string().empty()) fail();
        out[std::string(name->get_string())] = std::string(reason->get_string());
    }
    return out;
}

void apply_known_failures(case_result& result, known_failures const& known) {
    auto found = known.find(result.area + "/" + result.id);
    if (found == known.end()) return;
    if (result.result == outcome::failed) {
        result.result = outcome::known_failure;
        result.reason = found->second;
    } else if (result.result == outcome::passed) {
        result.result = outcome::failed;
        result.failures.push_back("listed as a known failure (" + found->second +
                                  ") but passes: remove it from the list");
    }
}

}  // namespace scim::conformance
