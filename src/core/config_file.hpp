#pragma once
// scimd's configuration file (`--config FILE`, docs/command-line.md "Configuration file"): one
// option a line as `name = value`, the name as on the command line without its dashes; a flag
// takes `true` or `false`; lines starting with `#` and blank lines are skipped. Deliberately no
// sections, quoting or escapes: a value is the rest of its line, spaces around it trimmed.

#include <map>
#include <string>

namespace scim::core {

// name → value. Throws std::invalid_argument naming the file and line of a line that is not
// `name = value`, or of a name given twice.
std::map<std::string, std::string> parse_config_file(std::string const& text, std::string const& file_name);

// The file read and parsed; throws std::invalid_argument when it cannot be read.
std::map<std::string, std::string> read_config_file(std::string const& path);

// A secret kept in a file (a password, a connection string): its content without the line
// end(s) at its end. Throws std::invalid_argument naming `option` when the file cannot be read
// or holds nothing.
std::string read_secret_file(std::string const& path, std::string const& option);

}  // namespace scim::core
