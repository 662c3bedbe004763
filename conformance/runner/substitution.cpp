#include "substitution.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

namespace scim::conformance {

namespace json = boost::json;

std::string substitute(std::string_view text, variables const& vars) {
    std::string out;
    std::size_t pos = 0;
    for (;;) {
        auto start = text.find("${", pos);
        if (start == std::string_view::npos) break;
        auto end = text.find('}', start);
        if (end == std::string_view::npos) break;
        out.append(text.substr(pos, start - pos));
        std::string name(text.substr(start + 2, end - start - 2));
        auto found = vars.find(name);
        if (found == vars.end()) throw unknown_variable("no value for ${" + name + "}");
        out += found->second;
        pos = end + 1;
    }
    out.append(text.substr(pos));
    return out;
}

json::value substitute_json(json::value const& value, variables const& vars) {
    switch (value.kind()) {
        case json::kind::string: return json::string(substitute(value.get_string(), vars));
        case json::kind::array: {
            json::array out;
            for (auto const& element : value.get_array()) out.push_back(substitute_json(element, vars));
            return out;
        }
        case json::kind::object: {
            json::object out;
            for (auto const& [key, member] : value.get_object())
                out[substitute(key, vars)] = substitute_json(member, vars);
            return out;
        }
        default: return value;
    }
}

std::string encode_target(std::string_view target) {
    static constexpr std::string_view kept = "-._~!$&'()*,;=:@/?%";
    static char const hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : target) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum || kept.find(static_cast<char>(c)) != std::string_view::npos) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace scim::conformance
