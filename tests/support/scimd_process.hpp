#pragma once
// The real scimd binary as a child process, for end-to-end tests.
//
//   scimd_process server(fresh_database_dsn());          // serve --listen 127.0.0.1:0
//   auto tenant = server.bootstrap("acme", "okta");       // scimd bootstrap, parsed
//   ... HTTPS requests to server.base_url() + tenant.base_path ...
//   EXPECT_EQ(server.terminate(), 0);                     // SIGTERM drains, exit 0
//
// The binary is $SCIMD_BINARY (CTest sets it), else the build's scimd (compile definition).
// Its stdout is read for the one `scimd listening on URL` line; its stderr goes to an unlinked
// temp file that error messages quote, so a failed start says why. scimd is killed when the thread that
// started it ends (so a crashed test leaves no orphan server): start it from the test's own
// thread (or SetUpTestSuite), not from a short-lived std::thread.

#include <sys/types.h>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace scim::testing {

struct bootstrap_result {
    std::string organization_id;
    std::string directory_id;
    std::string base_path;  // "/scim/directory/<directory_id>"
    std::string token;      // bearer token for that directory
};

// What a one-shot scimd command (bootstrap, migrate, ...) did.
struct command_result {
    int exit_status = -1;  // exit code, or 128 + signal number when killed by a signal
    std::string stdout_text;
    std::string stderr_text;
};

// The scimd executable to run.
std::string scimd_binary();

// Runs `scimd <args...>` to completion (killed after `timeout`), capturing its output.
command_result run_scimd(std::vector<std::string> const& args, std::chrono::seconds timeout = std::chrono::seconds(60));
// The same with exactly `environment` (NAME=value entries) as scimd's environment.
command_result run_scimd(std::vector<std::string> const& args, std::vector<std::string> const& environment,
                         std::chrono::seconds timeout = std::chrono::seconds(60));

// `scimd bootstrap --db dsn --org org --directory directory`, its JSON parsed. Throws
// std::runtime_error (with scimd's stderr) when it fails or prints something else.
bootstrap_result bootstrap(std::string const& dsn, std::string const& org, std::string const& directory);

class scimd_process {
public:
    // Starts `scimd serve --db dsn --listen 127.0.0.1:0 <extra_args...>` and waits (up to
    // `startup_timeout`) for its `scimd listening on URL` line. Throws std::runtime_error with
    // scimd's stderr when it exits or stays silent instead.
    explicit scimd_process(std::string dsn, std::vector<std::string> extra_args = {},
                           std::chrono::seconds startup_timeout = std::chrono::seconds(30));
    // `scimd <args...>` (args starting with "serve") with exactly `environment` (NAME=value
    // entries) as its environment: for settings that come from anywhere but the command line.
    struct launch {
        std::vector<std::string> args;
        std::vector<std::string> environment;
    };
    explicit scimd_process(launch const& how, std::chrono::seconds startup_timeout = std::chrono::seconds(30));
    ~scimd_process();  // SIGKILL if still running
    scimd_process(scimd_process const&) = delete;
    scimd_process& operator=(scimd_process const&) = delete;

    std::string const& dsn() const { return dsn_; }
    pid_t pid() const { return pid_; }
    unsigned short port() const { return port_; }
    // As printed, e.g. "https://127.0.0.1:40123" (no trailing slash).
    std::string const& base_url() const { return base_url_; }
    std::string const& host() const { return host_; }
    bool uses_tls() const { return base_url_.rfind("https://", 0) == 0; }

    // Runs `scimd bootstrap` against this server's database.
    bootstrap_result bootstrap(std::string const& org, std::string const& directory) const;

    // SIGTERM, then waits up to `grace` for the exit (SIGKILL after that). Returns the exit
    // status (128 + signal when killed by one). Calling it again returns the same status.
    int terminate(std::chrono::seconds grace = std::chrono::seconds(30));
    bool running();

    // Everything scimd wrote to stderr so far (its logs).
    std::string stderr_text() const;
    // What scimd wrote to stdout after the listening line (normally nothing).
    std::string stdout_rest() const;

private:
    void start(std::vector<std::string> const& args, std::vector<std::string> const* environment,
               std::chrono::seconds startup_timeout);
    void wait_for_listening_line(std::chrono::seconds timeout);
    bool reap(bool block);
    [[noreturn]] void fail_start(std::string const& why);

    std::string dsn_;
    pid_t pid_ = -1;
    int exit_status_ = -1;
    int stdout_fd_ = -1;
    int stderr_fd_ = -1;
    mutable std::mutex stdout_mutex_;
    std::string stdout_buffer_;
    std::thread drain_;
    std::string host_;
    unsigned short port_ = 0;
    std::string base_url_;
};

}  // namespace scim::testing
