// --db takes both forms libpq reads (docs/command-line.md): keyword=value pairs and
// postgresql:// or postgres:// URIs, including a URI without any "=" (which SOCI alone turned
// into a database named "…="). A connection string that is neither, or a database that
// cannot be reached, stops scimd with a clear message that never shows the password.

#include "e2e_fixture.hpp"
#include "support/pg_connection.hpp"

namespace scim::testing {
namespace {

constexpr char const* password = "Sup3rSecretPassw0rd";

// The URI of the database `dsn` names on the fixture cluster: the socket folder, percent-encoded,
// as the host (PostgreSQL manual §34.1.1.2).
std::string uri_of(std::string const& dsn, std::string const& scheme = "postgresql",
                   std::string const& database_override = "") {
    pg_connection c(dsn);
    std::string host;
    for (char ch : c.value("SELECT current_setting('unix_socket_directories')")) {
        host += ch == '/' ? std::string("%2F") : std::string(1, ch);
    }
    auto const database = database_override.empty() ? c.value("SELECT current_database()") : database_override;
    return scheme + "://postgres:" + password + "@" + host + ":" + c.value("SELECT current_setting('port')") + "/" +
           database;
}

TEST(connection_string, scimd_serves_with_either_form) {
    // The keyword form is what every other test uses.
    auto const dsn = fresh_database_dsn();
    auto const migrated = run_scimd({"migrate", "--db", uri_of(dsn)});
    EXPECT_EQ(migrated.exit_status, 0) << migrated.stderr_text;
    for (auto const& form : {uri_of(dsn), uri_of(dsn, "postgres") + "?application_name=scimd"}) {
        SCOPED_TRACE(form);
        scimd_process server(form);
        https_client client("127.0.0.1", server.port());
        EXPECT_EQ(client.request("GET", "/readyz").status, 200);
        EXPECT_EQ(server.terminate(), 0);
    }
}

TEST(connection_string, one_libpq_cannot_read_is_a_usage_error_that_does_not_show_it) {
    for (std::string const& bad : {std::string("postgresql://postgres:") + password + "%zz@localhost/db",
                                   std::string("host=localhost password=") + password + " no_such_option=1",
                                   std::string("host='localhost password=") + password}) {
        SCOPED_TRACE(bad);
        auto const run = run_scimd({"migrate", "--db", bad});
        EXPECT_EQ(run.exit_status, 2) << run.stderr_text;
        EXPECT_NE(run.stderr_text.find("connection string"), std::string::npos) << run.stderr_text;
        EXPECT_EQ(run.stderr_text.find(password), std::string::npos) << run.stderr_text;
    }
}

TEST(connection_string, a_database_that_cannot_be_reached_is_named_without_the_password) {
    auto const run = run_scimd({"serve", "--db", uri_of(database_dsn(), "postgresql", "no_such_database")});
    EXPECT_EQ(run.exit_status, 1) << run.stderr_text;
    EXPECT_NE(run.stderr_text.find("cannot connect to the database"), std::string::npos) << run.stderr_text;
    EXPECT_NE(run.stderr_text.find("\"no_such_database\" does not exist"), std::string::npos) << run.stderr_text;
    EXPECT_EQ(run.stderr_text.find(password), std::string::npos) << run.stderr_text;
}

}  // namespace
}  // namespace scim::testing
