#include <stdexcept>

#include <gtest/gtest.h>

#include "config_file.hpp"

namespace scim::core {
namespace {

TEST(config_file, name_equals_value_lines_comments_and_blank_lines) {
    auto const settings = parse_config_file(
        "# scimd\n\n  listen = 0.0.0.0:8443\r\ndb = host=/run/postgresql dbname=scimd\nplain-http=true\npublic-url =\n",
        "f");
    std::map<std::string, std::string> const expected{{"listen", "0.0.0.0:8443"},
                                                      {"db", "host=/run/postgresql dbname=scimd"},
                                                      {"plain-http", "true"},
                                                      {"public-url", ""}};
    EXPECT_EQ(settings, expected);
}

TEST(config_file, mistakes_name_the_file_and_line) {
    auto const message = [](std::string const& text) {
        try {
            parse_config_file(text, "/etc/scimd.conf");
        } catch (std::invalid_argument const& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message("workers = 2\nworkers\n"), "/etc/scimd.conf line 2: expected name = value");
    EXPECT_EQ(message("\n--workers = 2\n"),
              "/etc/scimd.conf line 2: \"--workers\" is not an option name (as on the command line, without --)");
    EXPECT_EQ(message("SCIMD_WORKERS = 2"),
              "/etc/scimd.conf line 1: \"SCIMD_WORKERS\" is not an option name (as on the command line, without --)");
    EXPECT_EQ(message("workers = 2\nworkers = 3\n"), "/etc/scimd.conf line 2: workers is given twice");
    EXPECT_EQ(message(" = 3\n"),
              "/etc/scimd.conf line 1: \"\" is not an option name (as on the command line, without --)");
}

}  // namespace
}  // namespace scim::core
