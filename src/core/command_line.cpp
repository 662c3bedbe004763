#include "scim/core/command_line.hpp"

#include <charconv>
#include <stdexcept>

namespace scim::core {

command_line::command_line(std::vector<std::string> const& args, std::set<std::string> const& value_options,
                           std::set<std::string> const& flag_options) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& arg = args[i];
        if (arg.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument: " + arg);
        auto name = arg.substr(2);
        if (auto eq = name.find('='); eq != std::string::npos) {
            auto key = name.substr(0, eq);
            if (!value_options.count(key)) throw std::invalid_argument("unknown option: --" + key);
            values_[key] = name.substr(eq + 1);
        } else if (value_options.count(name)) {
            if (i + 1 >= args.size()) throw std::invalid_argument("--" + name + " needs a value");
            values_[name] = args[++i];
        } else if (flag_options.count(name)) {
            flags_.insert(name);
        } else {
            throw std::invalid_argument("unknown option: " + arg);
        }
    }
}

std::optional<std::string> command_line::value(std::string const& name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string command_line::value_or(std::string const& name, std::string fallback) const {
    return value(name).value_or(std::move(fallback));
}

std::string command_line::required(std::string const& name) const {
    auto v = value(name);
    if (!v || v->empty()) throw std::invalid_argument("--" + name + " is required");
    return *v;
}

bool command_line::flag(std::string const& name) const { return flags_.count(name) != 0; }

std::size_t command_line::positive_number_or(std::string const& name, std::size_t fallback) const {
    auto const n = number_or(name, fallback);
    if (n == 0) throw std::invalid_argument("--" + name + " must be a positive whole number");
    return n;
}

std::size_t command_line::number_or(std::string const& name, std::size_t fallback) const {
    auto v = value(name);
    if (!v) return fallback;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size()) {
        throw std::invalid_argument("--" + name + " must be a whole number");
    }
    return n;
}

}  // namespace scim::core
