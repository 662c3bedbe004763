#include "support/haproxy_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace scim::testing {
namespace {

constexpr char const* haproxy = "/usr/sbin/haproxy";

// Whether something accepts TCP connections on 127.0.0.1:port.
bool accepts(unsigned short port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool const ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

std::string read_file(std::string const& path) {
    std::ifstream in(path);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// Runs haproxy with `args` (stdout and stderr into `output_file`) and answers its pid.
pid_t spawn(std::vector<std::string> args, std::vector<std::pair<std::string, std::string>> const& environment,
            std::string const& output_file) {
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
    for (auto const& [name, value] : environment) env_strings.push_back(name + "=" + value);
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    int const rc = posix_spawn(&pid, haproxy, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error(std::string("posix_spawn haproxy: ") + std::strerror(rc));
    return pid;
}

}  // namespace

haproxy_process::haproxy_process(std::string const& config_file,
                                 std::vector<std::pair<std::string, std::string>> environment, unsigned short port)
    : port_(port) {
    if (access(haproxy, X_OK) != 0) throw std::runtime_error("haproxy is missing (apt install haproxy)");
    char name[] = "/tmp/scimd-haproxy-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) throw std::runtime_error("cannot make a file for haproxy's output");
    close(fd);
    output_file_ = name;

    int status = 0;
    pid_t const check = spawn({haproxy, "-c", "-q", "-f", config_file}, environment, output_file_);
    waitpid(check, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("haproxy -c refuses " + config_file + ":\n" + output());

    // -db: in the foreground, so that its pid is HAProxy's and SIGTERM stops it.
    pid_ = spawn({haproxy, "-db", "-f", config_file}, environment, output_file_);
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!accepts(port_)) {
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("haproxy exited before listening:\n" + output());
        }
        if (std::chrono::steady_clock::now() > deadline) {
            kill(pid_, SIGKILL);
            waitpid(pid_, &status, 0);
            pid_ = -1;
            throw std::runtime_error("haproxy did not listen in 10 s:\n" + output());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

haproxy_process::~haproxy_process() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    if (!output_file_.empty()) unlink(output_file_.c_str());
}

std::string haproxy_process::output() const { return read_file(output_file_); }

}  // namespace scim::testing
