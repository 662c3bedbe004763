// packaging/scimd.service, as far as it can be checked without systemd running: systemd's own
// reading of it (`systemd-analyze verify`, and `security --offline` for the hardening), no
// setting on its command line, and scimd started with the environment the unit and its
// EnvironmentFile (packaging/scimd.env) give it, credentials as files (docs/operations.md).

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "client/https_client.hpp"
#include "deploy/local_services.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"

namespace scim::testing {
namespace {

std::string const source_dir = SCIMD_SOURCE_DIR;
std::string const installed_binary = "/usr/local/bin/scimd";

// The unit with ExecStart pointing at the build's scimd: systemd-analyze checks that it exists.
std::string unit_for_this_build(temp_folder const& folder) {
    auto unit = read_text(source_dir + "/packaging/scimd.service");
    std::string const exec_start = "\nExecStart=" + installed_binary;
    auto const at = unit.find(exec_start);
    if (at == std::string::npos) throw std::runtime_error("ExecStart does not run " + installed_binary);
    unit.replace(at, exec_start.size(), "\nExecStart=" + scimd_binary());
    auto const path = folder.path() + "/scimd.service";
    std::ofstream(path) << unit;
    return path;
}

// `Key=value` lines of the unit (every one, in order), comments and sections aside.
std::vector<std::pair<std::string, std::string>> unit_settings() {
    std::vector<std::pair<std::string, std::string>> settings;
    std::istringstream lines(read_text(source_dir + "/packaging/scimd.service"));
    for (std::string line; std::getline(lines, line);) {
        auto const equals = line.find('=');
        if (line.empty() || line.front() == '#' || line.front() == '[' || equals == std::string::npos) continue;
        settings.emplace_back(line.substr(0, equals), line.substr(equals + 1));
    }
    return settings;
}

TEST(systemd_unit, systemd_reads_it_without_a_complaint) {
    temp_folder folder;
    auto const unit = unit_for_this_build(folder);
    auto const verify = run_shell("systemd-analyze verify '" + unit + "'");
    EXPECT_EQ(verify.exit_status, 0) << verify.output;
    EXPECT_EQ(verify.output, "");
    // systemd's exposure score, 0 (locked down) to 10 (none): at most 2.0 ("OK").
    auto const security = run_shell("systemd-analyze security --offline=true --threshold=20 '" + unit + "'");
    EXPECT_EQ(security.exit_status, 0) << security.output;
}

TEST(systemd_unit, no_setting_is_on_its_command_line) {
    std::vector<std::string> exec_start;
    for (auto const& [key, value] : unit_settings()) {
        if (key == "ExecStart") exec_start.push_back(value);
    }
    EXPECT_EQ(exec_start, std::vector<std::string>{installed_binary + " serve"});
}

TEST(systemd_unit, scimd_starts_with_the_environment_it_gives) {
    temp_folder folder;
    // systemd's credentials directory (%d): the password and a certificate with its key.
    auto const credentials = folder.path() + "/credentials";
    std::filesystem::create_directory(credentials);
    std::ofstream(credentials + "/db_password") << "not-checked-by-a-trust-cluster\n";
    auto const made = run_shell(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost -keyout '" +
        credentials + "/tls_key' -out '" + credentials + "/tls_cert'");
    ASSERT_EQ(made.exit_status, 0) << made.output;

    // EnvironmentFile first, then the unit's Environment= lines, as systemd orders them.
    std::map<std::string, std::string> variables;
    std::istringstream env_file(read_text(source_dir + "/packaging/scimd.env"));
    for (std::string line; std::getline(env_file, line);) {
        if (line.empty() || line.front() == '#') continue;
        auto const equals = line.find('=');
        ASSERT_NE(equals, std::string::npos) << line;
        variables[line.substr(0, equals)] = line.substr(equals + 1);
    }
    for (auto const& [key, value] : unit_settings()) {
        if (key != "Environment") continue;
        auto setting = value;
        if (auto const d = setting.find("%d"); d != std::string::npos) setting.replace(d, 2, credentials);
        auto const equals = setting.find('=');
        variables[setting.substr(0, equals)] = setting.substr(equals + 1);
    }
    auto const known = serve_variables();
    for (auto const& [name, value] : variables) EXPECT_TRUE(known.count(name)) << name << " is no variable of serve";

    // The database and the address of this test in place of the example's.
    variables["SCIMD_DB"] = fresh_database_dsn();
    variables["SCIMD_LISTEN"] = "127.0.0.1:0";
    std::vector<std::string> environment;
    for (auto const& [name, value] : variables) environment.push_back(name + "=" + value);
    scimd_process server(scimd_process::launch{{"serve"}, environment});
    EXPECT_TRUE(server.uses_tls());
    https_client client("127.0.0.1", server.port());
    EXPECT_EQ(client.request("GET", "/readyz").status, 200);
    EXPECT_EQ(server.terminate(), 0);
    EXPECT_EQ(server.stderr_text().find("setting ignored"), std::string::npos) << server.stderr_text();
}

}  // namespace
}  // namespace scim::testing
