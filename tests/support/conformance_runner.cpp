#include "support/conformance_runner.hpp"

#include <utility>

#include "support/child_process.hpp"

namespace scim::testing {

int run_conformance(std::string const& binary, std::vector<std::string> args, std::string const& token) {
    args.insert(args.begin(), binary);
    // The token goes through the environment, as the runner's README advises, not the command line.
    return run_child(std::move(args), {.environment = {{"SCIM_TOKEN", token}}});
}

}  // namespace scim::testing
