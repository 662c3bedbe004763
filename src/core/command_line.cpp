#include "scim/core/command_line.hpp"

#include <charconv>

#include "config_file.hpp"
#include "dsn_password.hpp"

extern char** environ;

namespace scim::core {
namespace {

constexpr char const* variable_prefix = "SCIMD_";

// One place an option may be set: its values and flags, and how to name it in an error.
struct source {
    std::map<std::string, std::string> values;
    std::map<std::string, bool> flags;
    std::string (*describe)(std::string const& name, std::string const& file);
};

std::string as_option(std::string const& name, std::string const&) { return "--" + name; }
std::string as_variable(std::string const& name, std::string const&) { return environment_variable(name); }
std::string as_file_key(std::string const& name, std::string const& file) { return name + " in " + file; }

// A flag outside the command line (SCIMD_PLAIN_HTTP, `plain-http =`) says which way it goes.
bool flag_value(std::string const& text, std::string const& where) {
    if (text == "true") return true;
    if (text == "false") return false;
    throw std::invalid_argument(where + " must be true or false");
}

std::string help_text(std::set<std::string> const& values, std::set<std::string> const& flags) {
    std::string text =
        "\nthis command's options, each also an environment variable and a configuration file key\n"
        "(precedence: command line, then environment, then --config FILE, then the default):\n";
    std::map<std::string, std::string> lines;
    for (auto const& name : values) lines[name] = "--" + name + " VALUE";
    for (auto const& name : flags) lines[name] = "--" + name;
    for (auto const& [name, option] : lines) {
        auto variable = environment_variable(name);
        if (flags.count(name)) variable += "=true|false";
        text += "  " + option + std::string(option.size() < 40 ? 40 - option.size() : 1, ' ') + variable + "\n";
    }
    return text;
}

}  // namespace

std::map<std::string, std::string> process_environment() {
    std::map<std::string, std::string> variables;
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string const text = *entry;
        auto const equals = text.find('=');
        if (equals != std::string::npos) variables.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return variables;
}

std::string environment_variable(std::string const& option) {
    std::string name = variable_prefix;
    for (char c : option) name += c == '-' ? '_' : static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return name;
}

command_line::command_line(std::vector<std::string> const& args, std::set<std::string> const& value_options,
                           std::set<std::string> const& flag_options)
    : command_line(args, value_options, flag_options, process_environment()) {}

command_line::command_line(std::vector<std::string> const& args, std::set<std::string> const& declared_values,
                           std::set<std::string> const& flag_options,
                           std::map<std::string, std::string> const& environment) {
    auto value_options = declared_values;
    value_options.insert("config");
    bool const takes_db = value_options.count("db") != 0;
    if (takes_db) value_options.insert({"db-file", "db-password-file"});

    source command{{}, {}, as_option};
    for (std::size_t i = 0; i < args.size(); ++i) {
        auto const& arg = args[i];
        if (arg == "--help") throw help_requested(help_text(value_options, flag_options));
        if (arg.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument: " + arg);
        auto name = arg.substr(2);
        if (auto eq = name.find('='); eq != std::string::npos) {
            auto key = name.substr(0, eq);
            if (!value_options.count(key)) throw std::invalid_argument("unknown option: --" + key);
            command.values[key] = name.substr(eq + 1);
        } else if (value_options.count(name)) {
            if (i + 1 >= args.size()) throw std::invalid_argument("--" + name + " needs a value");
            command.values[name] = args[++i];
        } else if (flag_options.count(name)) {
            command.flags[name] = true;
        } else {
            throw std::invalid_argument("unknown option: " + arg);
        }
    }

    std::map<std::string, std::string> option_of_variable;
    for (auto const& name : value_options) option_of_variable[environment_variable(name)] = name;
    for (auto const& name : flag_options) option_of_variable[environment_variable(name)] = name;
    source variables{{}, {}, as_variable};
    for (auto const& [variable, text] : environment) {
        if (variable.rfind(variable_prefix, 0) != 0) continue;
        auto const option = option_of_variable.find(variable);
        if (option == option_of_variable.end()) {
            ignored_.push_back(variable);
        } else if (flag_options.count(option->second)) {
            variables.flags[option->second] = flag_value(text, variable);
        } else {
            variables.values[option->second] = text;
        }
    }

    source file{{}, {}, as_file_key};
    std::string file_name;
    if (auto const it = command.values.find("config"); it != command.values.end()) {
        file_name = it->second;
    } else if (auto const variable = variables.values.find("config"); variable != variables.values.end()) {
        file_name = variable->second;
    }
    if (!file_name.empty()) {
        for (auto const& [key, text] : read_config_file(file_name)) {
            if (key == "config") throw std::invalid_argument("config in " + file_name + ": a file names no other");
            if (flag_options.count(key)) {
                file.flags[key] = flag_value(text, key + " in " + file_name);
            } else if (value_options.count(key)) {
                file.values[key] = text;
            } else {
                ignored_.push_back(key + " in " + file_name);
            }
        }
    }

    // First match wins; `db` and `db-file` are one option spelled two ways.
    std::vector<source const*> const sources{&command, &variables, &file};
    for (auto const& name : value_options) {
        if (name == "db-file") continue;
        for (auto const* from : sources) {
            auto const given = from->values.find(name);
            auto const given_file = name == "db" ? from->values.find("db-file") : from->values.end();
            if (given != from->values.end() && given_file != from->values.end()) {
                throw std::invalid_argument(from->describe("db", file_name) + " and " +
                                            from->describe("db-file", file_name) + ": give one of them");
            }
            if (given_file != from->values.end()) {
                origins_[name] = from->describe("db-file", file_name);
                values_[name] = read_secret_file(given_file->second, origins_[name]);
                break;
            }
            if (given != from->values.end()) {
                origins_[name] = from->describe(name, file_name);
                values_[name] = given->second;
                break;
            }
        }
    }
    for (auto const& name : flag_options) {
        for (auto const* from : sources) {
            if (auto const given = from->flags.find(name); given != from->flags.end()) {
                if (given->second) flags_.insert(name);
                break;
            }
        }
    }
    if (auto const password_file = values_.find("db-password-file"); password_file != values_.end()) {
        auto const dsn = values_.find("db");
        if (dsn == values_.end())
            throw std::invalid_argument(origins_["db-password-file"] + " needs --db or --db-file");
        dsn->second = with_password(dsn->second, read_secret_file(password_file->second, origins_["db-password-file"]));
    }
}

std::string command_line::origin(std::string const& name) const {
    auto const it = origins_.find(name);
    return it == origins_.end() ? "--" + name : it->second;
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
    if (!v) throw std::invalid_argument("--" + name + " (or " + environment_variable(name) + ") is required");
    if (v->empty()) throw std::invalid_argument(origin(name) + " must not be empty");
    return *v;
}

bool command_line::flag(std::string const& name) const { return flags_.count(name) != 0; }

std::size_t command_line::positive_number_or(std::string const& name, std::size_t fallback) const {
    auto const n = number_or(name, fallback);
    if (n == 0) throw std::invalid_argument(origin(name) + " must be a positive whole number");
    return n;
}

std::size_t command_line::number_or(std::string const& name, std::size_t fallback) const {
    auto v = value(name);
    if (!v) return fallback;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size()) {
        throw std::invalid_argument(origin(name) + " must be a whole number");
    }
    return n;
}

}  // namespace scim::core
