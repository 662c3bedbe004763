#pragma once
// A program a test starts beside itself (dnsmasq, HAProxy, PgBouncer, the SMTP sink, the
// conformance runner): posix_spawn with stdin from /dev/null, its output where the test wants it,
// killed by the kernel when the test dies, stopped (SIGTERM, then waited for) when destroyed.
//
//   child_process dns({"/usr/sbin/dnsmasq", ...}, {.output = child_output::stderr_only});
//   if (wait_until(dns, [&] { return loopback_udp_bound(port); }, std::chrono::seconds(10)) != readiness::ready) ...

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace scim::testing {

enum class child_output {
    inherited,    // stdout and stderr are the test's
    stderr_only,  // stdout to /dev/null, stderr the test's (so its complaints show in the test's output)
    discarded,    // both to /dev/null
    file,         // both appended to child_options::output_file
};

struct child_options {
    child_output output = child_output::inherited;
    std::string output_file{};  // with child_output::file
    std::string user{};         // run as this user and its group ("" = as the test)
    // Added to the test's environment, replacing a variable of the same name.
    std::vector<std::pair<std::string, std::string>> environment{};
};

class child_process {
public:
    // Starts `args` (args[0] an absolute path). Throws std::runtime_error when it cannot.
    explicit child_process(std::vector<std::string> args, child_options const& options = {});
    ~child_process();  // stop()
    child_process(child_process const&) = delete;
    child_process& operator=(child_process const&) = delete;

    // Whether it has exited (reaped then).
    bool exited();
    // Waits for it to exit; its exit status, -1 when it did not exit normally.
    int wait();
    // SIGTERM, then waits.
    void stop();
    // SIGKILL, then waits.
    void kill_now();

private:
    pid_t pid_ = -1;
};

// Runs `args` to its end; its exit status, -1 when it did not exit normally.
int run_child(std::vector<std::string> args, child_options const& options = {});

enum class readiness { ready, exited, timed_out };

// Polls `ready` every 20 ms until it holds, the child exits or `timeout` passes; a child that
// timed out is killed.
readiness wait_until(child_process& child, std::function<bool()> const& ready, std::chrono::milliseconds timeout);

// Whether something accepts TCP connections on 127.0.0.1:port.
bool loopback_tcp_accepts(unsigned short port);
// Whether something has bound 127.0.0.1:port for UDP (it can no longer be bound).
bool loopback_udp_bound(unsigned short port);

}  // namespace scim::testing
