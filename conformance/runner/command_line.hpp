#pragma once
// The runner's command line (conformance/README.md, "Command line").

#include <stdexcept>
#include <string>
#include <vector>

#include "reports.hpp"

namespace scim::conformance {

struct usage_error : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

struct base_url {
    bool tls = true;
    std::string host;
    unsigned short port = 443;
    std::string path;  // "" or "/scim/v2": no trailing slash
};

struct options {
    base_url server;
    std::string token;
    bool insecure = false;            // accept any certificate (self-signed test servers)
    std::vector<std::string> only;    // areas ("filters") or cases ("filters/eq-userName"); empty: all
    report_format report = report_format::text;
    std::string output;               // where the report goes; "": standard output
    std::string cases_directory;
    std::string known_failures_file;  // "": none
};

extern char const* const usage;

// `args` without the program name. The token may come from $SCIM_TOKEN instead of --token
// (so that it stays out of process listings): pass that variable's value as `token_from_env`.
options parse_command_line(std::vector<std::string> const& args, std::string const& token_from_env,
                           std::string const& default_cases_directory);

// "https://host[:port][/path]" or "http://...". Throws usage_error.
base_url parse_base_url(std::string const& url);

// Whether --only selects the case (an area name selects all its cases).
bool selected(options const& o, std::string const& area, std::string const& case_id);

}  // namespace scim::conformance
