// The console's browser tests (tests/console/*.test.mjs, docs/console.md "Browser tests") as a
// CTest test: a real scimd over HTTPS on the `postgres` fixture's cluster, with an SMTP sink for
// its verification mail and a DNS port for domain verification, organization "acme" bootstrapped
// with directory "okta" and an admin token; then `node --test` on the files CTest names in
// SCIMD_CONSOLE_TEST_FILES, with what it started in the environment (support/harness.mjs reads
// it). Each CTest test (console_<file>) gets a server and a database of its own, so one file's
// data never shows in another's pages.

#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "support/child_process.hpp"
#include "support/dns_server.hpp"
#include "support/free_port.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"
#include "support/smtp_sink.hpp"

namespace scim::testing {
namespace {

namespace fs = std::filesystem;

std::string environment_or(char const* name, std::string fallback) {
    char const* value = std::getenv(name);
    return value && *value ? value : fallback;
}

std::vector<std::string> words(std::string const& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

// `scimd admin-token --org org`: the token it printed.
std::string admin_token(std::string const& dsn, std::string const& org) {
    auto const run = run_scimd({"admin-token", "--db", dsn, "--org", org});
    if (run.exit_status != 0) throw std::runtime_error("scimd admin-token failed: " + run.stderr_text);
    return std::string(boost::json::parse(run.stdout_text).at("token").as_string());
}

TEST(console_browser, node_tests_pass_against_a_real_scimd) {
    fs::path const tests_dir = SCIMD_CONSOLE_TESTS_DIR;
    auto const files = words(environment_or("SCIMD_CONSOLE_TEST_FILES", ""));
    ASSERT_STRNE(SCIMD_NODE, "") << "CMake found no `node` (version 20 or later) when it configured the build";
    ASSERT_FALSE(files.empty()) << "SCIMD_CONSOLE_TEST_FILES names no test file (CTest sets it)";
    ASSERT_TRUE(fs::exists(tests_dir / "node_modules" / "playwright-core" / "package.json"))
        << "tests/console/node_modules is missing: run `npm ci --prefix tests/console` (scripts/test.sh does)";

    auto const dsn = fresh_database_dsn();
    auto const database_file = fs::path(SCIMD_CONSOLE_WORK_DIR) / ("dsn-" + std::to_string(::getpid()));
    fs::create_directories(database_file.parent_path());
    std::ofstream(database_file) << dsn;

    auto const mail_port = smtp_sink::free_port();
    smtp_sink mail(mail_port);
    auto const dns_port = dns_server::free_port();
    // The port is chosen first so that --public-url can name it: the links scimd mails and the
    // origin the browser sends are then this server's own.
    auto const port = free_loopback_port(SOCK_STREAM);
    auto const base_url = "https://127.0.0.1:" + std::to_string(port);
    scimd_process server(dsn, {"--listen", "127.0.0.1:" + std::to_string(port), "--public-url", base_url,
                               "--dns-server", "127.0.0.1:" + std::to_string(dns_port), "--smtp-url",
                               "smtp://127.0.0.1:" + std::to_string(mail_port), "--smtp-allow-plaintext", "--smtp-from",
                               "console-tests@scimd.test", "--smtp-poll-seconds", "1", "--smtp-retry-seconds", "1"});
    auto const tenant = server.bootstrap("acme", "okta");
    auto const token = admin_token(dsn, "acme");

    std::vector<std::string> args{SCIMD_NODE, "--test", "--test-concurrency=1", "--test-timeout=180000",
                                  "--test-reporter=spec"};
    for (auto const& file : files) args.push_back((tests_dir / file).string());
    child_options options{
        .output = child_output::inherited,
        .environment = {
            {"SCIMD_CONSOLE_URL", base_url},
            {"SCIMD_CONSOLE_ORG", tenant.organization_id},
            {"SCIMD_CONSOLE_ADMIN_TOKEN", token},
            {"SCIMD_CONSOLE_DIRECTORY", tenant.directory_id},
            {"SCIMD_CONSOLE_SCIM_BASE", tenant.base_path},
            {"SCIMD_CONSOLE_SCIM_TOKEN", tenant.token},
            {"SCIMD_CONSOLE_DNS_PORT", std::to_string(dns_port)},
            {"SCIMD_CONSOLE_MAIL_DIR", mail.folder()},
            {"SCIMD_CONSOLE_DB_FILE", database_file.string()},
            {"SCIMD_CONSOLE_SCREENSHOTS", environment_or("SCIMD_CONSOLE_SCREENSHOTS", SCIMD_CONSOLE_SCREENSHOT_DIR)},
            {"SCIMD_BINARY", scimd_binary()},
            {"NO_COLOR", "1"},
        }};
    std::cout << "console tests: node --test on";
    for (auto const& file : files) std::cout << ' ' << file;
    std::cout << " against " << base_url << std::endl;
    auto const started = std::chrono::steady_clock::now();
    auto const status = run_child(args, options);
    auto const seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "console tests: node --test took " << static_cast<int>(seconds * 10) / 10.0 << " s" << std::endl;
    fs::remove(database_file);

    EXPECT_EQ(status, 0) << "node's test runner failed (its report is above); scimd's log:\n" << server.stderr_text();
    EXPECT_EQ(server.terminate(), 0) << server.stderr_text();
}

}  // namespace
}  // namespace scim::testing
