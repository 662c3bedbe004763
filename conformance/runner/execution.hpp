#pragma once
// Running one case: its requirements against the server's claims, then its steps in order
// (stopping at the first that fails, since later ones build on it), then its cleanup
// whatever happened. A capture that finds nothing leaves its variable unset: a later step
// that uses it fails, and a cleanup step that uses it is not sent.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "assertions.hpp"
#include "case_model.hpp"
#include "credentials.hpp"
#include "server_claims.hpp"
#include "substitution.hpp"

namespace scim::conformance {

struct http_request {
    std::string method;
    std::string target;  // absolute path with query, already encoded
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// Sends a request and returns the response; throws std::exception when none comes.
using transport = std::function<http_response(http_request const&)>;

struct target_server {
    std::string base_path;  // the base URL's path, "" or "/scim/v2" (no trailing slash)
    credentials login;      // what requests with `"auth": "token"` (the default) carry
};

// known_failure: failed as a known-failures list says it does (known_failures.hpp).
enum class outcome { passed, failed, skipped, known_failure };

struct case_result {
    std::string area;
    std::string id;
    std::string title;
    std::string cite;
    outcome result = outcome::passed;
    std::string reason;                 // why it was skipped, or why its failure is known
    std::vector<std::string> failures;  // the failing step's messages, then cleanup problems
    double seconds = 0;
};

// `vars` holds the run's variables (run, prefix); captures are added to a copy.
case_result run_case(area const& a, test_case const& c, server_claims const& claims, variables vars,
                     target_server const& server, transport const& send);

}  // namespace scim::conformance
