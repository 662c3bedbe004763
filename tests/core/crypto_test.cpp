#include <set>
#include <vector>

#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"

namespace scim::core {
namespace {

TEST(crypto, sha256_matches_the_standard_test_vector) {
    auto digest = sha256("abc");
    static constexpr unsigned char expected[] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
                                                 0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
                                                 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    ASSERT_EQ(digest.size(), sizeof expected);
    for (std::size_t i = 0; i < digest.size(); ++i) EXPECT_EQ(static_cast<unsigned char>(digest[i]), expected[i]);
}

TEST(crypto, random_tokens_are_url_safe_and_distinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto t = random_token(32);
        EXPECT_EQ(t.size(), 43u);
        EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos);
        seen.insert(t);
    }
    EXPECT_EQ(seen.size(), 100u);
    EXPECT_EQ(random_token(1).size(), 2u);
    EXPECT_EQ(random_token(2).size(), 3u);
}

TEST(crypto, constant_time_equal_compares_whole_strings) {
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
    EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(crypto, uuids_are_version_4) {
    auto id = random_uuid();
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
    EXPECT_NE(std::string("89ab").find(id[19]), std::string::npos);
    EXPECT_NE(random_uuid(), id);
}

}  // namespace
}  // namespace scim::core

namespace scim::core {
namespace {

std::string from_hex(std::string const& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

TEST(hmac_sha256, matches_rfc_4231_test_case_2) {
    EXPECT_EQ(hmac_sha256("Jefe", "what do ya want for nothing?"),
              from_hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

TEST(base64url, round_trips_and_refuses_what_is_not_an_encoding) {
    for (std::string const& s :
         std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\xff\xfe\x00", 3)}) {
        EXPECT_EQ(base64url_decode(base64url_encode(s)), s);
    }
    EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
    EXPECT_FALSE(base64url_decode("Zm9v="));
    EXPECT_FALSE(base64url_decode("Zm9v+"));
    EXPECT_FALSE(base64url_decode("Z"));
    EXPECT_FALSE(base64url_decode("Zh"));  // non-zero leftover bits
}

}  // namespace
}  // namespace scim::core
