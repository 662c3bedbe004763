// RFC 9865 cursors: round trips, and every way a cursor must be refused.

#include <gtest/gtest.h>

#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/protocol/cursor.hpp"

namespace scim::protocol {
namespace {

using namespace std::chrono_literals;

auto const now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
std::string const key(32, 'k');

core::error_type refusal(std::string const& token, std::string const& fingerprint = "q",
                         std::string const& with_key = key, std::chrono::seconds age = 0s) {
    try {
        decode_cursor(token, fingerprint, with_key, now + age, 3600s);
    } catch (core::error const& e) {
        return e.type();
    }
    ADD_FAILURE() << token << " was accepted";
    return core::error_type::internal;
}

TEST(cursor, round_trips) {
    for (auto const& position :
         {cursor_position{true, "Ünïcode \"key\"", "id-1"}, cursor_position{false, std::nullopt, "id-2"}}) {
        auto const token = encode_cursor(position, "q", key, now);
        auto const back = decode_cursor(token, "q", key, now + 10s, 3600s);
        EXPECT_EQ(back.forward, position.forward);
        EXPECT_EQ(back.sort_key, position.sort_key);
        EXPECT_EQ(back.id, position.id);
    }
}

// A sort value of any length the store holds makes a cursor that decodes: 3000 characters of
// three bytes each, and quotes that JSON escapes, come to a cursor of more than 11 KB.
TEST(cursor, round_trips_a_long_sort_value) {
    std::string long_key;
    for (int i = 0; i < 3000; ++i) long_key += i % 10 == 0 ? "\"" : "\u20ac";
    auto const token = encode_cursor({true, long_key, "id"}, "q", key, now);
    EXPECT_GT(token.size(), 11000u);
    auto const back = decode_cursor(token, "q", key, now, 3600s);
    EXPECT_EQ(back.sort_key, long_key);
}

TEST(cursor, altered_forged_foreign_and_garbage_cursors_are_invalid) {
    auto const token = encode_cursor({true, "k", "id"}, "q", key, now);
    auto altered = token;
    altered[3] = altered[3] == 'A' ? 'B' : 'A';
    EXPECT_EQ(refusal(altered), core::error_type::invalid_cursor);
    EXPECT_EQ(refusal(token.substr(0, token.size() - 2)), core::error_type::invalid_cursor);
    EXPECT_EQ(refusal(token, "another query"), core::error_type::invalid_cursor);
    EXPECT_EQ(refusal(token, "q", std::string(32, 'x')), core::error_type::invalid_cursor);
    // A payload signed with the right key but not ours in shape.
    auto const body = core::base64url_encode(R"({"v":1})");
    EXPECT_EQ(refusal(body + "." + core::base64url_encode(core::hmac_sha256(key, body))),
              core::error_type::invalid_cursor);
    for (auto const* garbage : {"", ".", "abc", "a.b.c", "%%%.%%%"}) {
        EXPECT_EQ(refusal(garbage), core::error_type::invalid_cursor) << garbage;
    }
    EXPECT_EQ(refusal(std::string(100000, 'A') + ".AAAA"), core::error_type::invalid_cursor);
}

TEST(cursor, expires_after_the_timeout) {
    auto const token = encode_cursor({true, "k", "id"}, "q", key, now);
    EXPECT_NO_THROW(decode_cursor(token, "q", key, now + 3600s, 3600s));
    EXPECT_EQ(refusal(token, "q", key, 3601s), core::error_type::expired_cursor);
}

}  // namespace
}  // namespace scim::protocol
