// `scimd ready` (docs/command-line.md "scimd ready"), the health check of the container image and
// of docker-compose.yml, against the real binary: 0 while /readyz answers 200, 1 while it answers
// 503 in the shutdown delay, 1 at once when nothing listens, 1 within its timeout when the
// listener never answers, 1 when TLS fails; it reads --listen and --plain-http from the
// environment and passes over serve's other settings without a word.

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <signal.h>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

using namespace std::chrono_literals;
using clock = std::chrono::steady_clock;

std::string listen_on(unsigned short port) { return "127.0.0.1:" + std::to_string(port); }

// A loopback socket that listens but never accepts: the kernel completes connections, nobody
// answers the TLS handshake.
class silent_listener {
public:
    silent_listener() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(fd_, 8) != 0 ||
            getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
            throw std::runtime_error("cannot listen on loopback");
        }
        port_ = ntohs(address.sin_port);
    }
    ~silent_listener() { close(fd_); }
    silent_listener(silent_listener const&) = delete;
    silent_listener& operator=(silent_listener const&) = delete;
    unsigned short port() const { return port_; }

private:
    int fd_ = -1;
    unsigned short port_ = 0;
};

TEST(ready, follows_readyz_from_ready_to_shutting_down_to_gone) {
    scimd_process server(fresh_database_dsn(), {"--shutdown-delay-seconds", "3"});
    auto const listen = listen_on(server.port());

    auto const ok = run_scimd({"ready", "--listen", listen});
    EXPECT_EQ(ok.exit_status, 0) << ok.stderr_text;
    EXPECT_NE(ok.stdout_text.find("answered 200"), std::string::npos) << ok.stdout_text;

    // As in a container: the settings from the environment, the wildcard address for loopback,
    // serve's other variables (and a database password file that does not exist) passed over.
    auto const from_environment =
        run_scimd({"ready"}, {"SCIMD_LISTEN=0.0.0.0:" + std::to_string(server.port()), "SCIMD_PLAIN_HTTP=false",
                              "SCIMD_DB=host=db dbname=scimd", "SCIMD_DB_PASSWORD_FILE=/nonexistent/db_password",
                              "SCIMD_WORKERS=3", "SCIMD_SMTP_ALLOW_PLAINTEXT=true"});
    EXPECT_EQ(from_environment.exit_status, 0) << from_environment.stderr_text;
    EXPECT_EQ(from_environment.stderr_text, "");

    // TLS expected but plain HTTP asked: the server closes the connection, not ready.
    auto const plain = run_scimd({"ready", "--listen", listen, "--plain-http"});
    EXPECT_EQ(plain.exit_status, 1) << plain.stdout_text;

    // The shutdown delay: /readyz answers 503 while the process still serves.
    ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
    std::this_thread::sleep_for(300ms);
    auto const draining = run_scimd({"ready", "--listen", listen});
    EXPECT_EQ(draining.exit_status, 1) << draining.stdout_text;
    EXPECT_NE(draining.stderr_text.find("answered 503"), std::string::npos) << draining.stderr_text;
    EXPECT_EQ(server.terminate(), 0) << server.stderr_text();

    // Nothing listens any more: refused, at once.
    auto const started = clock::now();
    auto const gone = run_scimd({"ready", "--listen", listen});
    auto const took = clock::now() - started;
    EXPECT_EQ(gone.exit_status, 1);
    EXPECT_NE(gone.stderr_text.find("cannot connect to"), std::string::npos) << gone.stderr_text;
    EXPECT_LT(took, 1s);
}

TEST(ready, gives_up_on_a_silent_listener_within_its_timeout) {
    silent_listener silent;
    auto const started = clock::now();
    auto const result = run_scimd({"ready", "--listen", listen_on(silent.port()), "--ready-timeout-seconds", "1"});
    auto const took = clock::now() - started;
    EXPECT_EQ(result.exit_status, 1);
    EXPECT_NE(result.stderr_text.find("no answer within 1 s"), std::string::npos) << result.stderr_text;
    EXPECT_GE(took, 900ms);
    EXPECT_LT(took, 3s);
}

TEST(ready, a_plain_http_server_is_asked_in_plain_http) {
    scimd_process server(fresh_database_dsn(), {"--plain-http"});
    auto const listen = listen_on(server.port());
    EXPECT_EQ(run_scimd({"ready"}, {"SCIMD_LISTEN=" + listen, "SCIMD_PLAIN_HTTP=true"}).exit_status, 0);
    // A TLS handshake with a plain HTTP server fails: not ready.
    auto const tls = run_scimd({"ready", "--listen", listen});
    EXPECT_EQ(tls.exit_status, 1);
    EXPECT_NE(tls.stderr_text.find("TLS handshake"), std::string::npos) << tls.stderr_text;
    EXPECT_EQ(server.terminate(), 0);
}

TEST(ready, a_bad_setting_is_not_ready_and_help_is_not_an_error) {
    // Exit status 1, not 2: Docker reserves 2 in a health check.
    auto const bad = run_scimd({"ready"}, {"SCIMD_LISTEN=nowhere"});
    EXPECT_EQ(bad.exit_status, 1);
    EXPECT_NE(bad.stderr_text.find("--listen must be HOST:PORT"), std::string::npos) << bad.stderr_text;
    EXPECT_EQ(run_scimd({"ready", "--ready-timeout-seconds", "61"}).exit_status, 1);
    auto const help = run_scimd({"ready", "--help"});
    EXPECT_EQ(help.exit_status, 0);
    EXPECT_NE(help.stdout_text.find("SCIMD_READY_TIMEOUT_SECONDS"), std::string::npos) << help.stdout_text;
}

}  // namespace
}  // namespace scim::testing
