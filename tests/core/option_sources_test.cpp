// Options from the command line, the environment and a configuration file, in that order of
// precedence (docs/command-line.md "Environment and configuration file").

#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <gtest/gtest.h>

#include "scim/core/command_line.hpp"

namespace scim::core {
namespace {

using environment = std::map<std::string, std::string>;

class option_sources : public ::testing::Test {
protected:
    void SetUp() override {
        char pattern[] = "/tmp/scimd-options.XXXXXX";
        ASSERT_NE(mkdtemp(pattern), nullptr);
        folder_ = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(folder_); }

    std::string write(std::string const& name, std::string const& text) const {
        auto const path = folder_ + "/" + name;
        std::ofstream(path) << text;
        return path;
    }

    static command_line parse(std::vector<std::string> const& args, environment const& env) {
        return command_line(args, {"db", "workers", "listen"}, {"plain-http"}, env);
    }

    std::string folder_;
};

TEST_F(option_sources, command_line_then_environment_then_file_then_default) {
    auto const file = write("scimd.conf", "# comment\n\nworkers = 3\nlisten = 0.0.0.0:1\n  db=host=/from-file  \n");
    auto const all =
        parse({"--workers", "1"}, {{"SCIMD_WORKERS", "2"}, {"SCIMD_LISTEN", "[::]:2"}, {"SCIMD_CONFIG", file}});
    EXPECT_EQ(all.positive_number_or("workers", 9), 1u);  // command line over environment and file
    EXPECT_EQ(all.value("listen"), "[::]:2");             // environment over file
    EXPECT_EQ(all.value("db"), "host=/from-file");        // file over default, spaces trimmed
    auto const none = parse({}, {});
    EXPECT_EQ(none.positive_number_or("workers", 9), 9u);  // default
    // --config on the command line beats SCIMD_CONFIG.
    auto const other = write("other.conf", "workers = 4\n");
    EXPECT_EQ(parse({"--config", other}, {{"SCIMD_CONFIG", file}}).positive_number_or("workers", 9), 4u);
}

TEST_F(option_sources, flags_are_true_or_false_outside_the_command_line) {
    EXPECT_TRUE(parse({}, {{"SCIMD_PLAIN_HTTP", "true"}}).flag("plain-http"));
    EXPECT_FALSE(parse({}, {{"SCIMD_PLAIN_HTTP", "false"}}).flag("plain-http"));
    auto const on = write("on.conf", "plain-http = true\n");
    EXPECT_TRUE(parse({"--config", on}, {}).flag("plain-http"));
    // The environment's false wins over the file's true; the command line's flag over both.
    EXPECT_FALSE(parse({"--config", on}, {{"SCIMD_PLAIN_HTTP", "false"}}).flag("plain-http"));
    EXPECT_TRUE(parse({"--plain-http"}, {{"SCIMD_PLAIN_HTTP", "false"}}).flag("plain-http"));
    for (std::string bad : {"1", "yes", "TRUE", ""}) {
        EXPECT_THROW(parse({}, {{"SCIMD_PLAIN_HTTP", bad}}), std::invalid_argument) << bad;
    }
    EXPECT_THROW(parse({"--config", write("bad.conf", "plain-http = on\n")}, {}), std::invalid_argument);
}

TEST_F(option_sources, errors_name_where_the_value_came_from) {
    try {
        parse({}, {{"SCIMD_WORKERS", "many"}}).positive_number_or("workers", 1);
        FAIL() << "no error";
    } catch (std::invalid_argument const& e) {
        EXPECT_STREQ(e.what(), "SCIMD_WORKERS must be a whole number");
    }
    auto const file = write("zero.conf", "workers = 0\n");
    try {
        parse({"--config", file}, {}).positive_number_or("workers", 1);
        FAIL() << "no error";
    } catch (std::invalid_argument const& e) {
        EXPECT_EQ(std::string(e.what()), "workers in " + file + " must be a positive whole number");
    }
    EXPECT_THROW(parse({"--config", folder_ + "/missing.conf"}, {}), std::invalid_argument);
    EXPECT_THROW(parse({"--config", write("nested.conf", "config = x\n")}, {}), std::invalid_argument);
    try {
        parse({}, {}).required("db");
        FAIL() << "no error";
    } catch (std::invalid_argument const& e) {
        EXPECT_STREQ(e.what(), "--db (or SCIMD_DB) is required");
    }
}

TEST_F(option_sources, settings_of_no_option_are_ignored_and_reported_by_name) {
    auto const file = write("scimd.conf", "workers = 2\nmax-body-byte = 5\n");
    auto const cl =
        parse({"--config", file},
              {{"SCIMD_BINARY", "/x"}, {"SCIMD_TEST_DB", "host=/secret"}, {"PATH", "/bin"}, {"SCIMD_WORKERS", "3"}});
    EXPECT_EQ(cl.positive_number_or("workers", 1), 3u);
    std::vector<std::string> const expected{"SCIMD_BINARY", "SCIMD_TEST_DB", "max-body-byte in " + file};
    EXPECT_EQ(cl.ignored_settings(), expected);  // names only, never values
}

TEST_F(option_sources, the_connection_string_and_its_password_from_files) {
    auto const dsn = write("dsn", "host=/run/postgresql dbname=scimd\n");
    auto const password = write("password", "it's\\secret\r\n");
    EXPECT_EQ(parse({"--db-file", dsn}, {}).value("db"), "host=/run/postgresql dbname=scimd");
    EXPECT_EQ(parse({}, {{"SCIMD_DB_FILE", dsn}}).value("db"), "host=/run/postgresql dbname=scimd");
    EXPECT_EQ(parse({}, {{"SCIMD_DB", "host=db user=scimd"}, {"SCIMD_DB_PASSWORD_FILE", password}}).value("db"),
              "host=db user=scimd password='it\\'s\\\\secret'");
    // --db on the command line beats SCIMD_DB_FILE: db and db-file are one option.
    EXPECT_EQ(parse({"--db", "host=cli"}, {{"SCIMD_DB_FILE", dsn}}).value("db"), "host=cli");
    EXPECT_THROW(parse({"--db", "host=x", "--db-file", dsn}, {}), std::invalid_argument);
    EXPECT_THROW(parse({"--db-file", folder_ + "/missing"}, {}), std::invalid_argument);
    EXPECT_THROW(parse({"--db-file", write("empty", "\n")}, {}), std::invalid_argument);
    EXPECT_THROW(parse({"--db-password-file", password}, {}), std::invalid_argument);
    // A command that takes no database takes no database files either.
    EXPECT_THROW(command_line({"--db-file", dsn}, {"limit"}, {}, {}), std::invalid_argument);
}

TEST_F(option_sources, help_lists_every_option_with_its_variable) {
    try {
        parse({"--workers", "2", "--help"}, {});
        FAIL() << "no help";
    } catch (help_requested const& help) {
        std::string const text = help.what();
        for (std::string line : {"--workers VALUE", "SCIMD_WORKERS", "--plain-http", "SCIMD_PLAIN_HTTP=true|false",
                                 "--db-password-file VALUE", "SCIMD_DB_PASSWORD_FILE", "SCIMD_CONFIG"}) {
            EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
        }
    }
    EXPECT_EQ(environment_variable("max-body-bytes"), "SCIMD_MAX_BODY_BYTES");
}

}  // namespace
}  // namespace scim::core
