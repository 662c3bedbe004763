// What a client's string may hold (core/text_rules.hpp): a length in UTF-8 bytes, never NUL,
// no control characters in one-line values, TAB, LF and CR in multi-line text.

#include <gtest/gtest.h>

#include <string>

#include "scim/core/text_rules.hpp"

namespace scim::core {
namespace {

constexpr text_rule line{16};
constexpr text_rule text{16, true};

TEST(text_rules, lengths_are_utf8_bytes_up_to_the_limit) {
    EXPECT_EQ(text_problem(std::string(16, 'a'), line), std::nullopt);
    EXPECT_EQ(text_problem("", line), std::nullopt);
    auto const too_long = text_problem(std::string(17, 'a'), line);
    ASSERT_TRUE(too_long);
    EXPECT_EQ(*too_long, "is 17 bytes long; at most 16 bytes (UTF-8) are allowed");
    // Eight two-byte characters fit, nine do not: the limit is in bytes.
    std::string eight;
    for (int i = 0; i < 8; ++i) eight += "\xC3\xA9";  // é
    EXPECT_EQ(text_problem(eight, line), std::nullopt);
    EXPECT_TRUE(text_problem(eight + "\xC3\xA9", line));
}

TEST(text_rules, nul_is_never_allowed) {
    auto const problem = text_problem(std::string("a\0b", 3), text);
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem, "holds U+0000 (NUL), which no value may hold");
}

TEST(text_rules, one_line_values_hold_no_control_character) {
    for (char const c : {'\x01', '\t', '\n', '\r', '\x1b', '\x1f', '\x7f'}) {
        auto const problem = text_problem(std::string("a") + c + "b", line);
        ASSERT_TRUE(problem) << static_cast<int>(c);
        EXPECT_NE(problem->find("a control character"), std::string::npos) << *problem;
    }
    EXPECT_EQ(*text_problem("a\x7f", line), "holds U+007F, a control character, which a one-line value cannot hold");
    // Non-ASCII text, whose UTF-8 bytes are all 0x80 or above, is not mistaken for controls.
    EXPECT_EQ(text_problem("J\xC3\xBCrgen \xE6\x9D\xB1", line), std::nullopt);
}

TEST(text_rules, multi_line_text_holds_tab_lf_and_cr_only) {
    EXPECT_EQ(text_problem("a\tb\r\nc", text), std::nullopt);
    auto const problem = text_problem("a\x07", text);
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem, "holds U+0007, a control character (only TAB, LF and CR are allowed)");
}

}  // namespace
}  // namespace scim::core
