// The end-to-end harness itself: a fresh database, a real scimd started on a free port,
// `scimd bootstrap`, and a clean SIGTERM shutdown. When this fails, the other e2e tests'
// failures say little.

#include <gtest/gtest.h>

#include "client/https_client.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

TEST(harness, fresh_databases_are_distinct) {
    auto a = fresh_database_dsn();
    auto b = fresh_database_dsn();
    EXPECT_NE(a, b);
    EXPECT_NE(a.find("dbname='scimd_test_"), std::string::npos) << a;
}

TEST(harness, with_database_replaces_only_the_database) {
    EXPECT_EQ(with_database("host=/tmp/x port=5433 dbname=postgres user=postgres", "d1"),
              "user='postgres' host='/tmp/x' port='5433' dbname='d1'");
    EXPECT_EQ(with_database("postgresql://bob@localhost:6000/other", "d2"),
              "user='bob' host='localhost' port='6000' dbname='d2'");
    EXPECT_THROW(with_database("host='unterminated", "d"), std::invalid_argument);
}

TEST(harness, scimd_serves_bootstraps_and_drains_on_sigterm) {
    scimd_process server(fresh_database_dsn());
    EXPECT_EQ(server.base_url().rfind("https://127.0.0.1:", 0), 0u) << server.base_url();
    EXPECT_EQ(server.base_url(), "https://127.0.0.1:" + std::to_string(server.port()));
    EXPECT_TRUE(server.uses_tls());

    https_client client("127.0.0.1", server.port());
    EXPECT_EQ(client.request("GET", "/healthz").status, 200);

    auto tenant = server.bootstrap("harness-org", "harness-directory");
    EXPECT_FALSE(tenant.organization_id.empty());
    EXPECT_FALSE(tenant.directory_id.empty());
    EXPECT_EQ(tenant.base_path, "/scim/directory/" + tenant.directory_id);
    EXPECT_GE(tenant.token.size(), 20u);

    auto users = client.request("GET", tenant.base_path + "/Users", {}, {{"Authorization", "Bearer " + tenant.token}});
    EXPECT_EQ(users.status, 200) << users.body;

    // A second bootstrap of the same names finds the same tenant but mints a new token.
    auto again = server.bootstrap("harness-org", "harness-directory");
    EXPECT_EQ(again.organization_id, tenant.organization_id);
    EXPECT_EQ(again.directory_id, tenant.directory_id);
    EXPECT_NE(again.token, tenant.token);

    EXPECT_TRUE(server.running());
    EXPECT_EQ(server.terminate(), 0) << server.stderr_text();
    EXPECT_FALSE(server.running());
    EXPECT_EQ(server.stdout_rest(), "") << "scimd prints one line on stdout";
}

TEST(harness, a_failed_start_reports_scimd_stderr) {
    try {
        scimd_process server("host=/nonexistent-scimd-socket-dir dbname=nope user=nobody connect_timeout=2");
        FAIL() << "scimd started without a database";
    } catch (std::runtime_error const& e) {
        std::string what = e.what();
        EXPECT_NE(what.find("exited with status"), std::string::npos) << what;
        EXPECT_NE(what.find("stderr:"), std::string::npos) << what;
    }
}

TEST(harness, bootstrap_failures_throw_with_stderr) {
    EXPECT_THROW(bootstrap("host=/nonexistent-scimd-socket-dir dbname=nope connect_timeout=2", "o", "d"),
                 std::runtime_error);
    auto r = run_scimd({"no-such-command"});
    EXPECT_EQ(r.exit_status, 2);
    EXPECT_NE(r.stderr_text.find("usage"), std::string::npos) << r.stderr_text;
}

}  // namespace
}  // namespace scim::testing
