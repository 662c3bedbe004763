// The login hook's rules on values alone: device identifiers, client addresses, who signs in,
// and the sign-out feed's cursor.

#include <gtest/gtest.h>

#include <string>

#include "scim/core/config.hpp"
#include "scim/core/error.hpp"
#include "scim/domain/sign_ins.hpp"

namespace scim::domain {
namespace {

TEST(sign_ins, a_device_id_is_printable_ascii_without_spaces_and_bounded) {
    EXPECT_TRUE(is_device_id("d-7f3a9c"));
    EXPECT_TRUE(is_device_id("!~"));
    EXPECT_TRUE(is_device_id(std::string(core::device_limits::device_id_bytes, 'a')));
    EXPECT_FALSE(is_device_id(std::string(core::device_limits::device_id_bytes + 1, 'a')));
    EXPECT_FALSE(is_device_id(""));
    EXPECT_FALSE(is_device_id("my phone"));
    EXPECT_FALSE(is_device_id("tab\there"));
    EXPECT_FALSE(is_device_id(std::string("nul\0x", 5)));
    EXPECT_FALSE(is_device_id("t\xc3\xa9l\xc3\xa9phone"));  // "téléphone"
    EXPECT_FALSE(is_device_id("del\x7f"));
}

TEST(sign_ins, an_address_is_an_ip_address_in_canonical_form) {
    EXPECT_EQ(canonical_address("203.0.113.7"), "203.0.113.7");
    EXPECT_EQ(canonical_address("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
    EXPECT_EQ(canonical_address("::ffff:192.0.2.1"), "::ffff:192.0.2.1");
    EXPECT_EQ(canonical_address("::1"), "::1");
    for (char const* bad : {"", "localhost", "203.0.113", "203.0.113.256", "203.0.113.7:443", " 203.0.113.7",
                            "203.0.113.7 ", "fe80::1%eth0", "2001:db8::1/64", "[2001:db8::1]", "0x7f.0.0.1"}) {
        EXPECT_FALSE(canonical_address(bad)) << bad;
    }
    EXPECT_FALSE(canonical_address(std::string("127.0.0.1\0", 10)));
    EXPECT_FALSE(canonical_address(std::string(100, '1')));
}

TEST(sign_ins, only_an_active_account_signs_in) {
    EXPECT_NO_THROW(check_sign_in(lifecycle::active));
    for (auto state : {lifecycle::deactivated, lifecycle::pending_deletion, lifecycle::deleted}) {
        try {
            check_sign_in(state);
            ADD_FAILURE() << to_string(state);
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), core::error_type::conflict);
            EXPECT_NE(std::string(e.what()).find(to_string(state)), std::string::npos) << e.what();
        }
    }
}

TEST(sign_ins, the_cursor_round_trips_and_refuses_anything_else) {
    sign_out_cursor const c{18446744073709551615ull, 9223372036854775807ll};
    EXPECT_EQ(to_string(c), "18446744073709551615.9223372036854775807");
    auto const back = parse_sign_out_cursor(to_string(c));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->txid, c.txid);
    EXPECT_EQ(back->id, c.id);
    EXPECT_EQ(parse_sign_out_cursor("0.0")->txid, 0u);
    for (char const* bad : {"", ".", "1.", ".1", "1", "1.2.3", "-1.2", "1.-2", "+1.2", "a.b", "1.2x", " 1.2",
                            "18446744073709551616.0", "1.9223372036854775808"}) {
        EXPECT_FALSE(parse_sign_out_cursor(bad)) << bad;
    }
}

}  // namespace
}  // namespace scim::domain
