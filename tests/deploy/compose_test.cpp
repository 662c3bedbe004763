// docker-compose.yml and the binary cannot drift apart: the file is validated by
// `docker-compose config`, then each of its services' commands runs as a local process with the
// environment and secret files the file gives it — PostgreSQL from the test cluster in place of
// the postgres image, tests/support/smtp_sink.py in place of the mail catcher, their hostnames
// mapped to loopback — scimd's health check passes while it serves and fails once it has stopped,
// and the bootstrap's token answers a SCIM request (docs/operations.md).

#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "client/https_client.hpp"
#include "deploy/local_services.hpp"
#include "support/postgres_environment.hpp"
#include "support/scimd_process.hpp"
#include "support/smtp_sink.hpp"

namespace scim::testing {
namespace {

std::string const source_dir = SCIMD_SOURCE_DIR;
std::string const compose_file = source_dir + "/docker-compose.yml";
std::string const secrets_in_container = "/run/secrets/";

// `docker-compose config`: the file as the engine would read it (anchors merged, paths made
// absolute), as JSON.
boost::json::object compose_config(temp_folder const& folder) {
    auto const normalized = folder.path() + "/compose.yml";
    auto const config = run_shell("docker-compose -f '" + compose_file + "' config > '" + normalized + "'");
    if (config.exit_status != 0) throw std::runtime_error("docker-compose config failed:\n" + config.output);
    auto const json =
        run_shell("python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' '" +
                  normalized + "'");
    if (json.exit_status != 0) throw std::runtime_error("reading the compose file's YAML failed:\n" + json.output);
    return boost::json::parse(json.output).as_object();
}

std::string text(boost::json::value const& v) { return std::string(v.as_string()); }

std::vector<std::string> strings(boost::json::value const& v) {
    std::vector<std::string> out;
    for (auto const& item : v.as_array()) out.push_back(text(item));
    return out;
}

// A service's environment as NAME=value entries, with each mapping applied: its value replaced
// by what `replace` answers for its name (the name absent: kept), and secret paths moved from
// /run/secrets/ into `secrets`.
std::vector<std::string> environment_of(boost::json::object const& service,
                                        std::map<std::string, std::string> const& replace, std::string const& secrets) {
    std::vector<std::string> out;
    if (auto const* env = service.if_contains("environment")) {
        for (auto const& [name, value] : env->as_object()) {
            std::string v = value.is_string() ? text(value) : boost::json::serialize(value);
            if (auto const r = replace.find(std::string(name)); r != replace.end()) v = r->second;
            if (v.rfind(secrets_in_container, 0) == 0) v = secrets + "/" + v.substr(secrets_in_container.size());
            out.push_back(std::string(name) + "=" + v);
        }
    }
    return out;
}

std::string value_in(boost::json::object const& service, std::string const& name) {
    return text(service.at("environment").as_object().at(name));
}

TEST(compose, the_file_is_valid) {
    auto const result = run_shell("docker-compose -f '" + compose_file + "' config --quiet");
    EXPECT_EQ(result.exit_status, 0) << result.output;
}

TEST(compose, the_dockerfile_runs_the_binary_as_no_root_user) {
    auto const dockerfile = read_text(source_dir + "/Dockerfile");
    EXPECT_NE(dockerfile.find("FROM debian:bookworm AS build"), std::string::npos);
    EXPECT_NE(dockerfile.find("ENTRYPOINT [\"/usr/local/bin/scimd\"]"), std::string::npos);
    EXPECT_NE(dockerfile.find("USER 10001:10001"), std::string::npos);
    // Each library the build stage links has its run-time package in the image.
    for (std::string package : {"libboost-json1.81.0", "libsoci-postgresql4.0", "libpq5", "libssl3", "libcurl4"}) {
        EXPECT_NE(dockerfile.find(package), std::string::npos) << package;
    }
    // The image's health check needs no HTTP client: scimd asks itself (docs/command-line.md "scimd ready").
    EXPECT_NE(dockerfile.find("HEALTHCHECK "), std::string::npos);
    EXPECT_NE(dockerfile.find("CMD [\"/usr/local/bin/scimd\", \"ready\"]"), std::string::npos);
}

TEST(compose, its_services_run_as_local_processes) {
    temp_folder folder;
    auto const compose = compose_config(folder);
    auto const& services = compose.at("services").as_object();

    // db: PostgreSQL 15 with a volume, a health check and the password as a secret file.
    auto const& db = services.at("db").as_object();
    EXPECT_EQ(text(db.at("image")).rfind("postgres:15", 0), 0u);
    EXPECT_FALSE(db.at("volumes").as_array().empty());
    EXPECT_TRUE(db.contains("healthcheck"));
    EXPECT_EQ(value_in(db, "POSTGRES_PASSWORD_FILE"), "/run/secrets/db_password");

    // The secrets, as files of a random content where the compose file mounts them.
    auto const secrets = folder.path() + "/secrets";
    std::filesystem::create_directory(secrets);
    for (auto const& [name, secret] : compose.at("secrets").as_object()) {
        EXPECT_TRUE(secret.as_object().contains("file")) << name;
        std::ofstream(secrets + "/" + std::string(name)) << "pw-" << std::string(name) << "-7f3a\n";
    }

    auto const dsn = fresh_database_dsn();
    auto const mail_port = smtp_sink::free_port();
    smtp_sink mail(mail_port);

    // scimd: waits for a healthy database, migrates and serves with the compose environment.
    auto const& scimd = services.at("scimd").as_object();
    EXPECT_EQ(text(scimd.at("depends_on").at("db").at("condition")), "service_healthy");
    EXPECT_EQ(value_in(scimd, "SCIMD_DB").find("host=db "), 0u);
    EXPECT_EQ(value_in(scimd, "SCIMD_SMTP_URL"), "smtp://mail:1025");
    EXPECT_TRUE(services.contains("mail"));
    auto const& scimd_command = strings(scimd.at("command"));
    ASSERT_FALSE(scimd_command.empty());
    EXPECT_EQ(scimd_command.front(), "serve");
    auto const server_environment =
        environment_of(scimd,
                       {{"SCIMD_DB", dsn},
                        {"SCIMD_LISTEN", "127.0.0.1:0"},
                        {"SCIMD_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(mail_port)}},
                       secrets);
    scimd_process server(scimd_process::launch{scimd_command, server_environment});

    // scimd's health check as the engine runs it inside the container: the command of its `test`
    // with the service's environment — the compose file's listen address (a wildcard, asked over
    // loopback) with the test server's port.
    auto const health_check = strings(scimd.at("healthcheck").at("test"));
    ASSERT_GT(health_check.size(), 2u);
    EXPECT_EQ(health_check[0], "CMD");
    EXPECT_EQ(health_check[1], "scimd");
    std::vector<std::string> const check_args(health_check.begin() + 2, health_check.end());
    auto const listen = value_in(scimd, "SCIMD_LISTEN");
    auto const check_environment =
        environment_of(scimd,
                       {{"SCIMD_DB", dsn},
                        {"SCIMD_LISTEN", listen.substr(0, listen.rfind(':') + 1) + std::to_string(server.port())},
                        {"SCIMD_SMTP_URL", "smtp://127.0.0.1:" + std::to_string(mail_port)}},
                       secrets);
    auto const healthy = run_scimd(check_args, check_environment);
    EXPECT_EQ(healthy.exit_status, 0) << healthy.stdout_text << healthy.stderr_text;
    EXPECT_EQ(healthy.stderr_text, "");

    // bootstrap: the one-shot that prints the SCIM base URL and token, once scimd is ready.
    auto const& bootstrap = services.at("bootstrap").as_object();
    EXPECT_EQ(text(bootstrap.at("depends_on").at("scimd").at("condition")), "service_healthy");
    auto const printed =
        run_scimd(strings(bootstrap.at("command")), environment_of(bootstrap, {{"SCIMD_DB", dsn}}, secrets));
    ASSERT_EQ(printed.exit_status, 0) << printed.stderr_text;
    auto const tenant = boost::json::parse(printed.stdout_text).as_object();
    auto const base_url = text(tenant.at("base_url"));
    EXPECT_EQ(base_url, value_in(bootstrap, "SCIMD_PUBLIC_URL") + text(tenant.at("base_path")));

    https_client client("127.0.0.1", server.port());
    auto const users = client.request("GET", text(tenant.at("base_path")) + "/Users", {},
                                      {{"Authorization", "Bearer " + text(tenant.at("token"))}});
    EXPECT_EQ(users.status, 200) << users.body;
    // The public URL of the compose file is the one links carry.
    auto const created = client.request(
        "POST", text(tenant.at("base_path")) + "/Users",
        R"({"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"compose@example.test"})",
        {{"Authorization", "Bearer " + text(tenant.at("token"))}});
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.header("Location").rfind(base_url + "/Users/", 0), 0u) << created.header("Location");

    EXPECT_EQ(server.terminate(), 0);
    auto const stopped = run_scimd(check_args, check_environment);
    EXPECT_EQ(stopped.exit_status, 1) << stopped.stdout_text << stopped.stderr_text;
    // Every setting the compose file gives is one scimd knows (it warns of any other).
    EXPECT_EQ(server.stderr_text().find("setting ignored"), std::string::npos) << server.stderr_text();
    EXPECT_EQ(printed.stderr_text.find("setting ignored"), std::string::npos) << printed.stderr_text;
}

}  // namespace
}  // namespace scim::testing
