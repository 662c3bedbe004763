// A real `scimd serve` configured from all three places at once: the command line wins over the
// environment, the environment over the --config file, the file over the default
// (docs/command-line.md "Environment and configuration file"); `<command> --help` exits 0.

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "client/https_client.hpp"
#include "deploy/local_services.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

TEST(configuration, command_line_over_environment_over_file_over_default) {
    temp_folder folder;
    auto const dsn = fresh_database_dsn();
    auto const config = folder.path() + "/scimd.conf";
    // The file gives the database (which has no default), the address, plain HTTP and a body limit.
    std::ofstream(config) << "# scimd.conf\ndb = " << dsn
                          << "\nlisten = 127.0.0.1:0\nplain-http = true\nmax-body-bytes = 40\n";
    auto const password_marker = "host=/no/such/place password=do-not-log";
    scimd_process server(scimd_process::launch{
        {"serve", "--max-body-bytes", "100000"},
        {"SCIMD_CONFIG=" + config,
         "SCIMD_PLAIN_HTTP=false",                         // the environment's false over the file's true: TLS
         "SCIMD_MAX_BODY_BYTES=20",                        // the command line's 100000 over both
         "SCIMD_TEST_DB=" + std::string(password_marker),  // the tests' own variables break nothing
         "SCIMD_BINARY=/nowhere"}});
    EXPECT_TRUE(server.uses_tls());
    auto const tenant = bootstrap(dsn, "acme", "okta");
    https_client client("127.0.0.1", server.port());
    auto const created =
        client.request("POST", tenant.base_path + "/Users",
                       R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"config@example.test"})",
                       {{"Authorization", "Bearer " + tenant.token}});
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(server.terminate(), 0);
    // Variables of no option are named in a warning, their values never.
    auto const logs = server.stderr_text();
    EXPECT_NE(logs.find("name=SCIMD_TEST_DB"), std::string::npos) << logs;
    EXPECT_NE(logs.find("name=SCIMD_BINARY"), std::string::npos) << logs;
    EXPECT_EQ(logs.find("do-not-log"), std::string::npos) << logs;
}

TEST(configuration, a_value_from_the_environment_is_named_when_wrong) {
    auto const result = run_scimd({"serve"}, {"SCIMD_DB=" + fresh_database_dsn(), "SCIMD_WORKERS=eight"});
    EXPECT_EQ(result.exit_status, 2);
    EXPECT_NE(result.stderr_text.find("scimd: SCIMD_WORKERS must be a whole number"), std::string::npos)
        << result.stderr_text;
}

TEST(configuration, every_command_has_help_with_its_variables) {
    for (std::string command : {"serve", "bootstrap", "admin-token", "api-token", "drain-outbox", "migrate"}) {
        auto const help = run_scimd({command, "--help"}, std::vector<std::string>{});
        EXPECT_EQ(help.exit_status, 0) << command << "\n" << help.stderr_text;
        EXPECT_NE(help.stdout_text.find("usage:"), std::string::npos) << command;
        EXPECT_NE(help.stdout_text.find("SCIMD_DB_PASSWORD_FILE"), std::string::npos) << command;
    }
    EXPECT_NE(run_scimd({"serve", "--help"}).stdout_text.find("--max-body-bytes VALUE"), std::string::npos);
}

TEST(configuration, the_reference_lists_every_variable_of_serve) {
    auto const reference = read_text(std::string(SCIMD_SOURCE_DIR) + "/docs/command-line.md");
    for (auto const& variable : serve_variables()) {
        EXPECT_NE(reference.find("`" + variable + "`"), std::string::npos)
            << variable << " is missing from docs/command-line.md \"Environment and configuration file\"";
    }
}

}  // namespace
}  // namespace scim::testing
