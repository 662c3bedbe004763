#include "support/child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace scim::testing {
namespace {

constexpr char const* setpriv = "/usr/bin/setpriv";

// The test's environment with `added` in place of variables of the same names.
std::vector<std::string> environment_with(std::vector<std::pair<std::string, std::string>> const& added) {
    std::vector<std::string> out;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string const entry(*e);
        auto const name = entry.substr(0, entry.find('='));
        bool replaced = false;
        for (auto const& a : added) replaced = replaced || a.first == name;
        if (!replaced) out.push_back(entry);
    }
    for (auto const& [name, value] : added) out.push_back(name + "=" + value);
    return out;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

bool loopback_socket(int type, unsigned short port, bool connect_to_it) {
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    auto const* address = reinterpret_cast<sockaddr*>(&addr);
    bool const ok = (connect_to_it ? connect(fd, address, sizeof addr) : bind(fd, address, sizeof addr)) == 0;
    close(fd);
    return ok;
}

}  // namespace

child_process::child_process(std::vector<std::string> args, child_options const& options) {
    // Killed with the test process whatever happens to it, even SIGKILL at ctest's timeout:
    // setpriv (util-linux) sets the parent-death signal and execs the program, so the pid stays its.
    if (access(setpriv, X_OK) == 0 || !options.user.empty()) {
        std::vector<std::string> prefix{setpriv};
        if (!options.user.empty())
            prefix.insert(prefix.end(), {"--reuid=" + options.user, "--regid=" + options.user, "--init-groups"});
        prefix.insert(prefix.end(), {"--pdeathsig", "KILL", "--"});
        args.insert(args.begin(), prefix.begin(), prefix.end());
    }
    auto argv = pointers(args);
    auto environment = environment_with(options.environment);
    auto envp = pointers(environment);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    switch (options.output) {
        case child_output::inherited: break;
        case child_output::stderr_only: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0); break;
        case child_output::discarded:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
            break;
        case child_output::file:
            posix_spawn_file_actions_addopen(&actions, 1, options.output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                             0600);
            posix_spawn_file_actions_adddup2(&actions, 1, 2);
            break;
    }
    int const rc = posix_spawn(&pid_, argv.front(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        pid_ = -1;
        throw std::runtime_error("posix_spawn " + args.front() + ": " + std::strerror(rc));
    }
}

child_process::~child_process() { stop(); }

bool child_process::exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
    pid_ = -1;
    return true;
}

int child_process::wait() {
    if (pid_ <= 0) return -1;
    int status = 0;
    pid_t waited = -1;
    do waited = waitpid(pid_, &status, 0);
    while (waited < 0 && errno == EINTR);
    pid_ = -1;
    if (waited <= 0 || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
}

void child_process::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    wait();
}

void child_process::kill_now() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    wait();
}

int run_child(std::vector<std::string> args, child_options const& options) {
    return child_process(std::move(args), options).wait();
}

readiness wait_until(child_process& child, std::function<bool()> const& ready, std::chrono::milliseconds timeout) {
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (!ready()) {
        if (child.exited()) return readiness::exited;
        if (std::chrono::steady_clock::now() > deadline) {
            child.kill_now();
            return readiness::timed_out;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return readiness::ready;
}

bool loopback_tcp_accepts(unsigned short port) { return loopback_socket(SOCK_STREAM, port, true); }

bool loopback_udp_bound(unsigned short port) { return !loopback_socket(SOCK_DGRAM, port, false); }

}  // namespace scim::testing
