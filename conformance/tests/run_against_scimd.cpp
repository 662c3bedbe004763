// CI's conformance check: the real scimd over HTTPS on a fresh database with one
// bootstrapped directory, and the whole suite run against it with the runner as a user would
// run it. Every case scimd supports must pass, except those in conformance/known-failures/scimd.json
// (each with its reason); the runner prints why it skips the others. The rate-limits area runs
// on a directory of its own, given a tight limit through the admin API, with the runner told
// so (--rate-limit-burst): no discovery document announces a rate limit.

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "client/https_client.hpp"

#include "support/conformance_runner.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

TEST(conformance, scimd_passes_the_suite) {
    scimd_process server(fresh_database_dsn());
    auto directory = server.bootstrap("conformance", "suite");
    auto const base_url = server.base_url() + directory.base_path;
    // Certificates are verified unless --insecure: scimd's development certificate is self-signed.
    EXPECT_EQ(
        run_conformance(SCIMD_CONFORMANCE_BINARY, {"--base-url", base_url, "--only", "discovery"}, directory.token), 2);
    // Twice: the suite must run again against a server that holds the first run's data.
    for (int run = 1; run <= 2; ++run) {
        SCOPED_TRACE("run " + std::to_string(run));
        EXPECT_EQ(run_conformance(SCIMD_CONFORMANCE_BINARY,
                                  {"--base-url", base_url, "--insecure", "--report", "junit", "--output",
                                   SCIMD_CONFORMANCE_REPORT, "--known-failures", SCIMD_CONFORMANCE_KNOWN_FAILURES},
                                  directory.token),
                  0)
            << "see the FAIL lines above and " << SCIMD_CONFORMANCE_REPORT << "\nscimd's log:\n"
            << server.stderr_text();
    }
    EXPECT_EQ(server.terminate(), 0);
}

TEST(conformance, scimd_passes_the_rate_limit_cases_on_a_directory_with_a_tight_limit) {
    scimd_process server(fresh_database_dsn());
    auto const tenant = server.bootstrap("conformance", "suite");
    auto const minted = run_scimd({"admin-token", "--db", server.dsn(), "--org", "conformance"});
    ASSERT_EQ(minted.exit_status, 0) << minted.stderr_text;
    auto const admin_token = std::string(boost::json::parse(minted.stdout_text).at("token").as_string());
    https_client admin("127.0.0.1", server.port());
    auto const admin_base = "/admin/organizations/" + tenant.organization_id;
    std::vector<std::pair<std::string, std::string>> const headers{{"Authorization", "Bearer " + admin_token},
                                                                   {"Content-Type", "application/json"}};
    auto const created = admin.request("POST", admin_base + "/directories", R"({"name":"rate-limited"})", headers);
    ASSERT_EQ(created.status, 201) << created.body;
    auto const directory = created.json().as_object();
    auto const id = std::string(directory.at("id").as_string());
    // Ten requests, then one more every 100 seconds: nothing refills during the run.
    auto const limited = admin.request("PATCH", admin_base + "/directories/" + id,
                                       R"({"rateLimit":{"requestsPerSecond":0.01,"burst":10}})", headers);
    ASSERT_EQ(limited.status, 200) << limited.body;
    auto const base_url = server.base_url() + std::string(directory.at("basePath").as_string());
    EXPECT_EQ(
        run_conformance(SCIMD_CONFORMANCE_BINARY,
                        {"--base-url", base_url, "--insecure", "--only", "rate-limits", "--rate-limit-burst", "10"},
                        std::string(directory.at("token").as_string())),
        0)
        << "see the FAIL lines above\nscimd's log:\n"
        << server.stderr_text();
    // Without the limit the same cases fail: the server never answers 429.
    auto const lifted = admin.request("PATCH", admin_base + "/directories/" + id, R"({"rateLimit":"off"})", headers);
    ASSERT_EQ(lifted.status, 200) << lifted.body;
    EXPECT_EQ(
        run_conformance(SCIMD_CONFORMANCE_BINARY,
                        {"--base-url", base_url, "--insecure", "--only", "rate-limits", "--rate-limit-burst", "10"},
                        std::string(directory.at("token").as_string())),
        1);
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
