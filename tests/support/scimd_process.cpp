#include "support/scimd_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include <boost/json.hpp>

extern char** environ;

namespace scim::testing {
namespace {

using steady = std::chrono::steady_clock;
constexpr char const* setpriv = "/usr/bin/setpriv";

[[noreturn]] void throw_errno(std::string const& what) {
    throw std::system_error(errno, std::generic_category(), what);
}

// Everything written to the (unlinked) file behind `fd` so far.
std::string read_all(int fd) {
    std::string out;
    char buffer[8192];
    for (off_t offset = 0;;) {
        auto n = pread(fd, buffer, sizeof buffer, offset);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
        offset += n;
    }
    return out;
}

int decode_status(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

struct spawned {
    pid_t pid = -1;
    int stdout_fd = -1;
    int stderr_fd = -1;  // an unlinked temp file that the child's stderr writes into
};

// posix_spawn with stdin from /dev/null, stdout into a pipe and stderr into a temp file that
// is unlinked at once (read back through our descriptor), so even a crashed test leaves none.
// Every descriptor made here is close-on-exec, so children spawned concurrently by other
// threads do not inherit them (which would keep the pipe open past scimd's exit).
// `environment` (NAME=value entries) replaces the test's own when given.
spawned spawn(std::vector<std::string> const& args, std::vector<std::string> const* environment = nullptr) {
    auto binary = scimd_binary();
    if (access(binary.c_str(), X_OK) != 0) {
        throw std::runtime_error("scimd binary '" + binary +
                                 "' is not executable (set SCIMD_BINARY): " + std::strerror(errno));
    }
    spawned s;
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw_errno("pipe2");
    char const* tmpdir = std::getenv("TMPDIR");
    std::string pattern = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/scimd-stderr.XXXXXX";
    std::vector<char> path(pattern.begin(), pattern.end());
    path.push_back('\0');
    int err = mkostemp(path.data(), O_CLOEXEC);
    if (err < 0) {
        close(out[0]);
        close(out[1]);
        throw_errno("mkostemp " + pattern);
    }
    unlink(path.data());
    s.stderr_fd = err;

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err, 2);

    // The child starts with no blocked signals and default dispositions for the ones that
    // stop it, whatever the test process did with its own.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t empty, defaults;
    sigemptyset(&empty);
    sigemptyset(&defaults);
    for (int sig : {SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGQUIT}) sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &empty);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    // When the test process dies without running destructors (a crash, a sanitizer abort,
    // ctest's timeout), scimd must not live on as an orphan: setpriv (util-linux) makes the
    // kernel SIGKILL it when the spawning thread ends, then execs scimd under the same pid.
    std::vector<std::string> full;
    static bool const have_setpriv = access(setpriv, X_OK) == 0;
    if (have_setpriv) full = {setpriv, "--pdeathsig", "KILL", "--"};
    full.push_back(binary);
    full.insert(full.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : full) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> variables;
    std::vector<char*> envp;
    if (environment) {
        variables = *environment;
        for (auto& v : variables) envp.push_back(v.data());
        envp.push_back(nullptr);
    }
    int rc =
        posix_spawn(&s.pid, full.front().c_str(), &actions, &attr, argv.data(), environment ? envp.data() : environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    close(out[1]);
    if (rc != 0) {
        close(out[0]);
        close(err);
        throw std::system_error(rc, std::generic_category(), "posix_spawn " + binary);
    }
    s.stdout_fd = out[0];
    return s;
}

std::string describe(std::vector<std::string> const& args) {
    std::string out = "scimd";
    for (auto const& a : args) out += " " + a;
    return out;
}

std::string json_text(boost::json::object const& o, char const* key) {
    auto const* v = o.if_contains(key);
    if (!v) throw std::runtime_error(std::string("no \"") + key + "\" in the bootstrap output");
    if (v->is_string()) return std::string(v->get_string());
    return boost::json::serialize(*v);
}

}  // namespace

std::string scimd_binary() {
    if (char const* env = std::getenv("SCIMD_BINARY"); env && *env) return env;
#ifdef SCIMD_DEFAULT_BINARY
    return SCIMD_DEFAULT_BINARY;
#else
    throw std::runtime_error("set SCIMD_BINARY to the scimd executable");
#endif
}

namespace {

command_result run_to_end(std::vector<std::string> const& args, std::vector<std::string> const* environment,
                          std::chrono::seconds timeout) {
    auto child = spawn(args, environment);
    command_result result;
    auto deadline = steady::now() + timeout;
    bool timed_out = false;
    char buffer[4096];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()).count();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        pollfd p{child.stdout_fd, POLLIN, 0};
        int r = poll(&p, 1, static_cast<int>(std::min<long long>(left, 1000)));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue;
        auto n = read(child.stdout_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        result.stdout_text.append(buffer, static_cast<std::size_t>(n));
    }
    close(child.stdout_fd);
    if (timed_out) kill(child.pid, SIGKILL);
    int status = 0;
    while (waitpid(child.pid, &status, 0) < 0 && errno == EINTR) {}
    result.exit_status = decode_status(status);
    result.stderr_text = read_all(child.stderr_fd);
    close(child.stderr_fd);
    if (timed_out) {
        throw std::runtime_error(describe(args) + " did not finish within " + std::to_string(timeout.count()) +
                                 " s; stderr:\n" + result.stderr_text);
    }
    return result;
}

}  // namespace

command_result run_scimd(std::vector<std::string> const& args, std::chrono::seconds timeout) {
    return run_to_end(args, nullptr, timeout);
}

command_result run_scimd(std::vector<std::string> const& args, std::vector<std::string> const& environment,
                         std::chrono::seconds timeout) {
    return run_to_end(args, &environment, timeout);
}

bootstrap_result bootstrap(std::string const& dsn, std::string const& org, std::string const& directory) {
    std::vector<std::string> args{"bootstrap", "--db", dsn, "--org", org, "--directory", directory};
    auto r = run_scimd(args);
    auto fail = [&](std::string const& why) {
        return std::runtime_error(describe(args) + ": " + why + "\nexit status " + std::to_string(r.exit_status) +
                                  "\nstdout:\n" + r.stdout_text + "\nstderr:\n" + r.stderr_text);
    };
    if (r.exit_status != 0) throw fail("failed");
    boost::system::error_code ec;
    auto value = boost::json::parse(r.stdout_text, ec);
    if (ec || !value.is_object()) throw fail("did not print one JSON object");
    try {
        auto const& o = value.get_object();
        return {json_text(o, "organization_id"), json_text(o, "directory_id"), json_text(o, "base_path"),
                json_text(o, "token")};
    } catch (std::exception const& e) {
        throw fail(e.what());
    }
}

scimd_process::scimd_process(std::string dsn, std::vector<std::string> extra_args, std::chrono::seconds startup_timeout)
    : dsn_(std::move(dsn)) {
    std::vector<std::string> args{"serve", "--db", dsn_, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    // No load balancer watches a test's scimd: terminate() exits at once, unless a test asks
    // for the delay (tests/deploy/shutdown_test.cpp).
    if (std::find(extra_args.begin(), extra_args.end(), "--shutdown-delay-seconds") == extra_args.end()) {
        args.insert(args.end(), {"--shutdown-delay-seconds", "0"});
    }
    start(args, nullptr, startup_timeout);
}

scimd_process::scimd_process(launch const& how, std::chrono::seconds startup_timeout) {
    start(how.args, &how.environment, startup_timeout);
}

void scimd_process::start(std::vector<std::string> const& args, std::vector<std::string> const* environment,
                          std::chrono::seconds startup_timeout) {
    auto child = spawn(args, environment);
    pid_ = child.pid;
    stdout_fd_ = child.stdout_fd;
    stderr_fd_ = child.stderr_fd;
    wait_for_listening_line(startup_timeout);
    // Keep reading stdout so scimd never blocks on a full pipe; EOF comes when it exits.
    drain_ = std::thread([this] {
        char buffer[4096];
        for (;;) {
            auto n = read(stdout_fd_, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            std::lock_guard lock(stdout_mutex_);
            stdout_buffer_.append(buffer, static_cast<std::size_t>(n));
        }
    });
}

void scimd_process::wait_for_listening_line(std::chrono::seconds timeout) {
    static constexpr std::string_view prefix = "scimd listening on ";
    auto deadline = steady::now() + timeout;
    std::string seen;
    char buffer[1024];
    for (;;) {
        // Complete lines first: scimd prints exactly one, but tolerate others before it.
        for (auto nl = seen.find('\n'); nl != std::string::npos; nl = seen.find('\n')) {
            auto line = seen.substr(0, nl);
            seen.erase(0, nl + 1);
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.rfind(prefix, 0) != 0) {
                stdout_buffer_ += line + "\n";
                continue;
            }
            base_url_ = line.substr(prefix.size());
            while (!base_url_.empty() && base_url_.back() == '/') base_url_.pop_back();
            auto scheme_end = base_url_.find("://");
            auto colon = base_url_.rfind(':');
            if (scheme_end == std::string::npos || colon == std::string::npos || colon <= scheme_end) {
                fail_start("printed an unparsable listening line: " + line);
            }
            host_ = base_url_.substr(scheme_end + 3, colon - scheme_end - 3);
            auto port_text = base_url_.substr(colon + 1);
            char* end = nullptr;
            auto port = std::strtoul(port_text.c_str(), &end, 10);
            if (port_text.empty() || *end != '\0' || port == 0 || port > 65535) {
                fail_start("printed a listening line without a real port: " + line);
            }
            port_ = static_cast<unsigned short>(port);
            stdout_buffer_ += seen;
            return;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()).count();
        if (left <= 0)
            fail_start("printed no 'scimd listening on' line within " + std::to_string(timeout.count()) + " s");
        pollfd p{stdout_fd_, POLLIN, 0};
        int r = poll(&p, 1, static_cast<int>(std::min<long long>(left, 200)));
        if (r < 0 && errno != EINTR) fail_start(std::string("poll failed: ") + std::strerror(errno));
        if (r <= 0) continue;
        auto n = read(stdout_fd_, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            reap(true);
            fail_start("exited with status " + std::to_string(exit_status_) + " before listening");
        }
        seen.append(buffer, static_cast<std::size_t>(n));
    }
}

void scimd_process::fail_start(std::string const& why) {
    if (exit_status_ < 0) {
        kill(pid_, SIGKILL);
        reap(true);
    }
    close(stdout_fd_);
    stdout_fd_ = -1;
    auto err = read_all(stderr_fd_);
    close(stderr_fd_);
    stderr_fd_ = -1;
    throw std::runtime_error("scimd serve (pid " + std::to_string(pid_) + ") " + why + "\nstdout:\n" + stdout_buffer_ +
                             "\nstderr:\n" + err);
}

bool scimd_process::reap(bool block) {
    if (exit_status_ >= 0) return true;
    int status = 0;
    pid_t r;
    do {
        r = waitpid(pid_, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0) return false;
    // r < 0 (ECHILD) means someone else reaped it; the status is lost.
    exit_status_ = r == pid_ ? decode_status(status) : 255;
    return true;
}

bool scimd_process::running() { return !reap(false); }

int scimd_process::terminate(std::chrono::seconds grace) {
    if (!reap(false)) {
        kill(pid_, SIGTERM);
        auto deadline = steady::now() + grace;
        while (!reap(false)) {
            if (steady::now() >= deadline) {
                kill(pid_, SIGKILL);
                reap(true);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    if (drain_.joinable()) drain_.join();
    return exit_status_;
}

scimd_process::~scimd_process() {
    if (!reap(false)) {
        kill(pid_, SIGKILL);
        reap(true);
    }
    if (drain_.joinable()) drain_.join();
    if (stdout_fd_ >= 0) close(stdout_fd_);
    if (stderr_fd_ >= 0) close(stderr_fd_);
}

bootstrap_result scimd_process::bootstrap(std::string const& org, std::string const& directory) const {
    return testing::bootstrap(dsn_, org, directory);
}

std::string scimd_process::stderr_text() const { return stderr_fd_ >= 0 ? read_all(stderr_fd_) : ""; }

std::string scimd_process::stdout_rest() const {
    std::lock_guard lock(stdout_mutex_);
    return stdout_buffer_;
}

}  // namespace scim::testing
