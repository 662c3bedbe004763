#pragma once
// The runner's command line (conformance/README.md, "Command line").

#include <stdexcept>
#include <string>
#include <vector>

#include "credentials.hpp"
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
    credentials login;      // --token (bearer) or --basic
    bool insecure = false;  // accept any certificate (self-signed test servers)
    // For each connect, TLS handshake, write and read: a server that stops answering costs a
    // run this long for each request rather than stalling it.
    unsigned timeout_seconds = 20;
    std::vector<std::string> only;  // areas ("filters") or cases ("filters/eq-userName"); empty: all
    report_format report = report_format::text;
    std::string output;  // where the report goes; "": standard output
    std::string cases_directory;
    std::string known_failures_file;  // "": none
    // --rate-limit-burst N: the server refuses the token's requests (429) once N have come in
    // quick succession; cases requiring "rateLimited" run only with it (README "Rate limits").
    unsigned rate_limit_burst = 0;  // 0: not given
};

extern char const* const usage;

// Secrets may come from the environment instead of the command line, so that they stay out
// of process listings: $SCIM_TOKEN for --token, $SCIM_BASIC for --basic.
struct secrets_from_environment {
    std::string token;
    std::string basic;
};

// `args` without the program name. Exactly one of a bearer token and Basic credentials is
// used; one given on the command line wins over the environment.
options parse_command_line(std::vector<std::string> const& args, secrets_from_environment const& environment,
                           std::string const& default_cases_directory);

// "https://host[:port][/path]" or "http://...". Throws usage_error.
base_url parse_base_url(std::string const& url);

// Whether --only selects the case (an area name selects all its cases).
bool selected(options const& o, std::string const& area, std::string const& case_id);

}  // namespace scim::conformance
