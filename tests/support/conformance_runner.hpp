#pragma once
// The conformance runner (conformance/, scimd-conformance) run as a user would run it, by the
// tests that run the suite against a real scimd.

#include <string>
#include <vector>

namespace scim::testing {

// Runs the runner at `binary` with `args`, its output going to this test's output; answers its
// exit status, -1 when it did not exit normally.
int run_conformance(std::string const& binary, std::vector<std::string> args, std::string const& token);

}  // namespace scim::testing
