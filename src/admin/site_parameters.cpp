#include "site_parameters.hpp"

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::admin {

std::vector<std::string> site_parameters(service::context const& ctx, admin_call const& call) {
    std::vector<std::string> out;
    for (auto const& [name, value] : call.parameters) {
        if (!core::iequals(name, "site")) continue;
        std::string_view const listed = value;
        for (std::size_t start = 0; start <= listed.size();) {
            auto const comma = listed.find(',', start);
            auto const end = comma == std::string_view::npos ? listed.size() : comma;
            if (end > start) out.push_back(checked_text("site", listed.substr(start, end - start), line_rule));
            start = end + 1;
        }
    }
    if (out.size() > ctx.config.scim.max_attribute_values) {
        throw core::error(core::error_type::invalid_value,
                          "at most " + std::to_string(ctx.config.scim.max_attribute_values) + " sites can be named");
    }
    return out;
}

}  // namespace scim::admin
