#pragma once
// HAProxy (Debian's haproxy package) as a child process of a test, run in the foreground with a
// configuration file and the environment variables that file reads ("${NAME}"), e.g. the
// shipped deploy/haproxy.cfg in front of scimd replicas. Stopped, by its pid, when destroyed.

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/child_process.hpp"

namespace scim::testing {

class haproxy_process {
public:
    // Checks `config_file` (haproxy -c), starts HAProxy on it with `environment` added to this
    // process's, and waits until 127.0.0.1:`port` (where the file binds) accepts connections.
    // Throws std::runtime_error with HAProxy's output when the check or the start fails.
    haproxy_process(std::string const& config_file, std::vector<std::pair<std::string, std::string>> environment,
                    unsigned short port);
    ~haproxy_process();
    haproxy_process(haproxy_process const&) = delete;
    haproxy_process& operator=(haproxy_process const&) = delete;

    unsigned short port() const noexcept { return port_; }
    // What HAProxy wrote so far (its warnings and alerts).
    std::string output() const;

private:
    unsigned short port_;
    std::string output_file_;
    std::unique_ptr<child_process> process_;
};

}  // namespace scim::testing
