// scimd behind PgBouncer in transaction mode (docs/database.md "PgBouncer"): with
// --db-transaction-pooling every command works through it, and the conformance suite passes
// as it does against the database directly (conformance/tests/run_against_scimd.cpp). PgBouncer
// gets fewer server connections than scimd opens, so scimd's connections take turns on them:
// a named prepared statement or a session setting would land on another connection's server.

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "support/conformance_runner.hpp"
#include "support/pgbouncer_process.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

TEST(pgbouncer, the_conformance_suite_passes_through_pgbouncer_in_transaction_mode) {
    pgbouncer_process bouncer(fresh_database_dsn());
    auto const through = bouncer.dsn_through();
    scimd_process server(through, {"--db-transaction-pooling"});
    auto const made = run_scimd(
        {"bootstrap", "--db", through, "--db-transaction-pooling", "--org", "conformance", "--directory", "suite"});
    ASSERT_EQ(made.exit_status, 0) << made.stderr_text;
    auto const directory = boost::json::parse(made.stdout_text).as_object();
    auto const base_url = server.base_url() + std::string(directory.at("base_path").as_string());
    EXPECT_EQ(
        run_conformance(SCIMD_CONFORMANCE_BINARY,
                        {"--base-url", base_url, "--insecure", "--known-failures", SCIMD_CONFORMANCE_KNOWN_FAILURES},
                        std::string(directory.at("token").as_string())),
        0)
        << "see the FAIL lines above\nscimd's log:\n"
        << server.stderr_text() << "\nPgBouncer's log:\n"
        << bouncer.log();
    // The other commands connect through it too.
    auto const migrated = run_scimd({"migrate", "--db", through, "--db-transaction-pooling"});
    EXPECT_EQ(migrated.exit_status, 0) << migrated.stderr_text;
    auto const minted = run_scimd({"admin-token", "--db", through, "--db-transaction-pooling", "--org", "conformance"});
    EXPECT_EQ(minted.exit_status, 0) << minted.stderr_text;
    EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace scim::testing
