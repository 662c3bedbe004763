#include <stdexcept>

#include <gtest/gtest.h>

#include "scim/core/command_line.hpp"
#include "scim/core/text.hpp"

namespace scim::core {
namespace {

// No environment: the variables of whoever runs the tests must not change what they see.
command_line parse(std::vector<std::string> args) { return command_line(args, {"db", "workers"}, {"plain-http"}, {}); }

TEST(command_line, values_flags_and_equals_form) {
    auto cl = parse({"--db", "host=/tmp", "--plain-http", "--workers=4"});
    EXPECT_EQ(cl.required("db"), "host=/tmp");
    EXPECT_TRUE(cl.flag("plain-http"));
    EXPECT_EQ(cl.positive_number_or("workers", 8), 4u);
    EXPECT_EQ(parse({}).positive_number_or("workers", 8), 8u);
    EXPECT_EQ(parse({}).value_or("db", "fallback"), "fallback");
}

TEST(command_line, mistakes_are_refused_with_the_option_named) {
    std::vector<std::vector<std::string>> bad = {{"--nope"}, {"--db"}, {"stray"}, {"--nope=1"}};
    for (auto const& args : bad) EXPECT_THROW(parse(args), std::invalid_argument) << args.front();
    EXPECT_THROW(parse({}).required("db"), std::invalid_argument);
    for (std::string n : {"0", "-1", "x", "4x", ""}) {
        EXPECT_THROW(parse({"--workers", n}).positive_number_or("workers", 1), std::invalid_argument) << n;
    }
}

TEST(command_line, numbers_where_zero_means_something) {
    EXPECT_EQ(parse({"--workers", "0"}).number_or("workers", 90), 0u);
    EXPECT_EQ(parse({}).number_or("workers", 90), 90u);
    for (std::string n : {"-1", "x", "4x", ""}) {
        EXPECT_THROW(parse({"--workers", n}).number_or("workers", 1), std::invalid_argument) << n;
    }
}

TEST(text, ascii_case_folding) {
    EXPECT_TRUE(iequals("userName", "USERNAME"));
    EXPECT_FALSE(iequals("userName", "userNam"));
    EXPECT_EQ(to_lower_ascii("Urn:IETF"), "urn:ietf");
}

}  // namespace
}  // namespace scim::core
