#include "sized_body.hpp"

#include <stdexcept>

#include <boost/json/array.hpp>

namespace scim::conformance {

std::int64_t size_of(claimed_size const& size, server_claims const& claims) {
    auto const found = claims.numbers.find(size.claim);
    if (found == claims.numbers.end())
        throw std::runtime_error("the server's /ServiceProviderConfig claims no number " + size.claim);
    return found->second + size.plus;
}

void fill_array(boost::json::object& body, array_fill const& fill, std::int64_t count, variables vars) {
    auto& slot = body[fill.into];
    if (slot.is_null()) slot = boost::json::array{};
    if (!slot.is_array()) throw std::runtime_error("\"" + fill.into + "\" of the body is not an array to fill");
    auto& list = slot.get_array();
    for (std::int64_t i = 1; static_cast<std::int64_t>(list.size()) < count; ++i) {
        vars["i"] = std::to_string(i);
        list.push_back(substitute_json(fill.item, vars));
    }
}

std::string padded(std::string json_object, std::size_t size) {
    auto const end = json_object.rfind('}');
    if (end == std::string::npos) throw std::runtime_error("only a JSON object can be padded");
    if (json_object.size() < size) json_object.insert(end, size - json_object.size(), ' ');
    return json_object;
}

}  // namespace scim::conformance
