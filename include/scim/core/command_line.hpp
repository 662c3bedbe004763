#pragma once
// `scimd <command> --name value --flag ...`: just enough parsing for scimd's subcommands.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace scim::core {

class command_line {
public:
    // value_options take a value (`--db DSN`), flag_options do not (`--plain-http`).
    // Throws std::invalid_argument for an unknown option, a missing value or a stray word.
    command_line(std::vector<std::string> const& args, std::set<std::string> const& value_options,
                 std::set<std::string> const& flag_options);

    std::optional<std::string> value(std::string const& name) const;
    std::string value_or(std::string const& name, std::string fallback) const;
    // Throws std::invalid_argument naming the option when it is missing.
    std::string required(std::string const& name) const;
    bool flag(std::string const& name) const;
    // A value as a positive integer; throws std::invalid_argument when it is not one.
    std::size_t positive_number_or(std::string const& name, std::size_t fallback) const;
    // A value as a whole number, zero allowed; throws std::invalid_argument when it is not one.
    std::size_t number_or(std::string const& name, std::size_t fallback) const;

private:
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

}  // namespace scim::core
