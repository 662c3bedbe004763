#pragma once
// `scimd <command> --name value --flag ...`: just enough parsing for scimd's subcommands, with
// every option also read from the environment and from a configuration file
// (docs/command-line.md "Environment and configuration file"). An option's value comes from,
// first match wins:
//   1. the command line: `--max-body-bytes 2097152`, `--plain-http`;
//   2. the environment: `SCIMD_MAX_BODY_BYTES=2097152`, `SCIMD_PLAIN_HTTP=true` (or `false`);
//   3. the file of `--config FILE` (or `SCIMD_CONFIG`): lines `max-body-bytes = 2097152`;
//   4. the command's default.
// A command that takes `db` also takes `db-file` (the connection string read from a file) and
// `db-password-file` (the password added to it), so that no secret need be on a command line.

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace scim::core {

// `scimd <command> --help`: what the command takes, each option with its variable; the caller
// prints it after the usage and exits 0.
class help_requested : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The process environment as NAME → value (only the SCIMD_ variables matter).
std::map<std::string, std::string> process_environment();

// `max-body-bytes` → `SCIMD_MAX_BODY_BYTES`.
std::string environment_variable(std::string const& option);

class command_line {
public:
    // value_options take a value (`--db DSN`), flag_options do not (`--plain-http`). Reads the
    // process environment. Throws std::invalid_argument for an unknown option, a missing value
    // or a stray word, a flag variable that is not true or false, an unreadable configuration
    // or secret file; help_requested for `--help`.
    command_line(std::vector<std::string> const& args, std::set<std::string> const& value_options,
                 std::set<std::string> const& flag_options);
    // The same with the environment given (tests).
    command_line(std::vector<std::string> const& args, std::set<std::string> const& value_options,
                 std::set<std::string> const& flag_options, std::map<std::string, std::string> const& environment);

    std::optional<std::string> value(std::string const& name) const;
    std::string value_or(std::string const& name, std::string fallback) const;
    // Throws std::invalid_argument naming the option when it is missing.
    std::string required(std::string const& name) const;
    bool flag(std::string const& name) const;
    // A value as a positive integer; throws std::invalid_argument when it is not one.
    std::size_t positive_number_or(std::string const& name, std::size_t fallback) const;
    // A value as a whole number, zero allowed; throws std::invalid_argument when it is not one.
    std::size_t number_or(std::string const& name, std::size_t fallback) const;

    // SCIMD_ variables and configuration file keys that name no option of this command: a
    // misspelling, or a setting of another command or program (serve warns, naming them).
    std::vector<std::string> const& ignored_settings() const { return ignored_; }

private:
    // Where an option's value came from, for error messages: "--workers", "SCIMD_WORKERS" or
    // "workers in /etc/scimd/scimd.conf".
    std::string origin(std::string const& name) const;

    std::map<std::string, std::string> values_;
    std::map<std::string, std::string> origins_;
    std::set<std::string> flags_;
    std::vector<std::string> ignored_;
};

}  // namespace scim::core
