#include "string_rules.hpp"

#include "scim/core/config.hpp"
#include "scim/core/text.hpp"

namespace scim::protocol {

core::text_rule text_rule_of(std::string_view attribute_path) {
    using limits = core::text_limits;
    // Extension attributes are named after their schema's URN, which ends at the last ':'
    // (rfind's npos + 1 is 0: a core attribute's path is kept whole).
    auto path = attribute_path.substr(attribute_path.rfind(':') + 1);
    auto const dot = path.find('.');
    auto const parent = dot == std::string_view::npos ? std::string_view{} : path.substr(0, dot);
    auto const leaf = dot == std::string_view::npos ? path : path.substr(dot + 1);

    if (core::iequals(path, "photos.value")) return {limits::photo_bytes};
    if (core::iequals(path, "x509Certificates.value")) return {limits::certificate_bytes};
    // RFC 7643 §4.1.2: both "MAY contain newlines".
    if (core::iequals(path, "addresses.formatted") || core::iequals(path, "addresses.streetAddress"))
        return {limits::text_bytes, true};
    if (core::iequals(parent, "name")) return {limits::name_part_bytes};
    // Labels and codes: "work", "en-US", "America/Los_Angeles".
    if ((!parent.empty() && core::iequals(leaf, "type")) || core::iequals(path, "preferredLanguage") ||
        core::iequals(path, "locale") || core::iequals(path, "timezone")) {
        return {limits::label_bytes};
    }
    return {limits::line_bytes};
}

}  // namespace scim::protocol
