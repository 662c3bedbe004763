#pragma once
// The PostgreSQL cluster that tests run against, and empty databases on it.
//
// Where the cluster comes from, first match wins:
//   1. env SCIMD_TEST_DB: a libpq connection string to a server you run yourself;
//   2. env SCIMD_TEST_DB_FILE: a file holding that string (CTest's `postgres` fixture writes
//      one, see tests/CMakeLists.txt);
//   3. otherwise the first call starts a private throwaway cluster with
//      tests/support/pg_cluster.sh and stops it when the process exits.
// Nothing happens until a test asks, so test binaries that never touch PostgreSQL run anywhere.

#include <string>

namespace scim::testing {

// The connection string of the cluster's maintenance database. Throws std::runtime_error
// when no cluster can be had.
std::string const& database_dsn();

// Creates a new, empty database (scimd_test_<random>) on that cluster and returns its
// connection string: for tests that need a database no one else touches (migrations, each
// end-to-end scimd process). Thread-safe.
std::string fresh_database_dsn();

// Runs SQL commands (no result rows; several separated by ";") on the database of `dsn`: for
// end-to-end tests that seed more rows than requests could in reasonable time. Throws
// std::runtime_error with the server's message when they fail.
void run_sql(std::string const& dsn, std::string const& sql);

// `dsn` with its dbname replaced; accepts key=value and postgresql:// URI forms and returns
// key=value form. Throws std::invalid_argument when libpq cannot parse `dsn`.
std::string with_database(std::string const& dsn, std::string const& dbname);

}  // namespace scim::testing
