#include "config_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace scim::core {
namespace {

std::string trimmed(std::string const& text) {
    auto const first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return "";
    auto const last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// Option names as on the command line: lower-case letters, digits and dashes.
bool is_option_name(std::string const& name) {
    if (name.empty() || name.front() == '-') return false;
    for (char c : name) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

}  // namespace

std::map<std::string, std::string> parse_config_file(std::string const& text, std::string const& file_name) {
    std::map<std::string, std::string> settings;
    std::istringstream lines(text);
    std::string line;
    for (std::size_t number = 1; std::getline(lines, line); ++number) {
        auto const content = trimmed(line);
        if (content.empty() || content.front() == '#') continue;
        auto const where = file_name + " line " + std::to_string(number);
        auto const equals = content.find('=');
        if (equals == std::string::npos) throw std::invalid_argument(where + ": expected name = value");
        auto const name = trimmed(content.substr(0, equals));
        if (!is_option_name(name)) {
            throw std::invalid_argument(where + ": \"" + name +
                                        "\" is not an option name (as on the command line, without --)");
        }
        if (!settings.emplace(name, trimmed(content.substr(equals + 1))).second) {
            throw std::invalid_argument(where + ": " + name + " is given twice");
        }
    }
    return settings;
}

std::map<std::string, std::string> read_config_file(std::string const& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument("--config: cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config_file(text.str(), path);
}

std::string read_secret_file(std::string const& path, std::string const& option) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument(option + ": cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto secret = text.str();
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
    if (secret.empty()) throw std::invalid_argument(option + ": " + path + " is empty");
    return secret;
}

}  // namespace scim::core
