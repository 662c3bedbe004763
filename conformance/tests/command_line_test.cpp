#include "command_line.hpp"

#include <gtest/gtest.h>

namespace scim::conformance {
namespace {

options parse(std::vector<std::string> const& args, secrets_from_environment const& environment = {}) {
    return parse_command_line(args, environment, "/cases");
}

TEST(command_line, reads_every_option) {
    auto o = parse({"--base-url", "https://scim.example.com:8443/scim/v2/", "--token", "t", "--insecure", "--only",
                    "users,filters/eq", "--only", "errors", "--report", "junit", "--output", "r.xml", "--cases", "/c",
                    "--known-failures", "k.json", "--timeout", "5", "--rate-limit-burst", "20"});
    EXPECT_TRUE(o.server.tls);
    EXPECT_EQ(o.server.host, "scim.example.com");
    EXPECT_EQ(o.server.port, 8443);
    EXPECT_EQ(o.server.path, "/scim/v2");
    EXPECT_EQ(o.login.scheme, auth_scheme::bearer);
    EXPECT_EQ(o.login.secret, "t");
    EXPECT_TRUE(o.insecure);
    EXPECT_EQ(o.only, (std::vector<std::string>{"users", "filters/eq", "errors"}));
    EXPECT_EQ(o.report, report_format::junit);
    EXPECT_EQ(o.output, "r.xml");
    EXPECT_EQ(o.cases_directory, "/c");
    EXPECT_EQ(o.known_failures_file, "k.json");
    EXPECT_EQ(o.timeout_seconds, 5u);
    EXPECT_EQ(o.rate_limit_burst, 20u);
}

TEST(command_line, defaults_and_the_token_from_the_environment) {
    auto o = parse({"--base-url", "http://localhost"}, {"env-token", ""});
    EXPECT_FALSE(o.server.tls);
    EXPECT_EQ(o.server.port, 80);
    EXPECT_EQ(o.server.path, "");
    EXPECT_EQ(o.login.scheme, auth_scheme::bearer);
    EXPECT_EQ(o.login.secret, "env-token");
    EXPECT_FALSE(o.insecure);
    EXPECT_EQ(o.report, report_format::text);
    EXPECT_EQ(o.cases_directory, "/cases");
    EXPECT_EQ(o.timeout_seconds, 20u);
    EXPECT_EQ(parse_base_url("https://[::1]:9443/scim").host, "::1");
    EXPECT_EQ(parse_base_url("https://[::1]:9443/scim").port, 9443);
    EXPECT_EQ(parse_base_url("https://h").port, 443);
}

TEST(command_line, basic_credentials_instead_of_a_token) {
    auto o = parse({"--base-url", "http://127.0.0.1:28880/scim/v2", "--basic", "admin:pa:ss"});
    EXPECT_EQ(o.login.scheme, auth_scheme::basic);
    EXPECT_EQ(o.login.secret, "admin:pa:ss");
    auto from_environment = parse({"--base-url", "https://h"}, {"", "admin:secret"});
    EXPECT_EQ(from_environment.login.scheme, auth_scheme::basic);
    EXPECT_EQ(from_environment.login.secret, "admin:secret");
    // The command line wins over the environment, whichever scheme each names.
    auto token_over_basic = parse({"--base-url", "https://h", "--token", "t"}, {"", "admin:secret"});
    EXPECT_EQ(token_over_basic.login.scheme, auth_scheme::bearer);
    auto basic_over_token = parse({"--base-url", "https://h", "--basic", "a:b"}, {"env-token", ""});
    EXPECT_EQ(basic_over_token.login.scheme, auth_scheme::basic);
    EXPECT_THROW(parse({"--base-url", "https://h"}, {"env-token", "admin:secret"}), usage_error);
}

TEST(command_line, refuses_what_it_cannot_run) {
    std::vector<std::vector<std::string>> const bad{
        {},
        {"--base-url", "https://h"},  // no token
        {"--base-url", "ftp://h", "--token", "t"},
        {"--base-url", "https://h:0", "--token", "t"},
        {"--base-url", "https://h:99999", "--token", "t"},
        {"--base-url", "https://:443", "--token", "t"},
        {"--base-url", "https://h", "--token", "t", "--report", "xml"},
        {"--base-url", "https://h", "--token"},
        {"--base-url", "https://h", "--token", "t", "--verbose"},
        {"--base-url", "https://h", "--token", "t", "--timeout", "0"},
        {"--base-url", "https://h", "--token", "t", "--timeout", "-3"},
        {"--base-url", "https://h", "--token", "t", "--timeout", "5s"},
        {"--base-url", "https://h", "--token", "t", "--rate-limit-burst", "0"},
        {"--base-url", "https://h", "--token", "t", "--rate-limit-burst", "100000"},
        {"--base-url", "https://h", "--token", "t", "--rate-limit-burst", "ten"},
        {"--base-url", "https://h", "--basic", "no-colon"},
        {"--base-url", "https://h", "--basic"},
        {"--base-url", "https://h", "--token", "t", "--basic", "a:b"},
    };
    for (auto const& args : bad) EXPECT_THROW(parse(args), usage_error) << ::testing::PrintToString(args);
}

TEST(command_line, only_selects_areas_and_cases) {
    auto o = parse({"--base-url", "https://h", "--token", "t", "--only", "users,filters/eq"});
    EXPECT_TRUE(selected(o, "users", "create"));
    EXPECT_TRUE(selected(o, "filters", "eq"));
    EXPECT_FALSE(selected(o, "filters", "ne"));
    EXPECT_FALSE(selected(o, "errors", "eq"));
    EXPECT_TRUE(selected(parse({"--base-url", "https://h", "--token", "t"}), "errors", "any"));
}

}  // namespace
}  // namespace scim::conformance
