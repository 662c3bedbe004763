// RFC 9865 cursors (protocol::encode_cursor, protocol::decode_cursor). The input is fields
// separated by 0x1F: flags (first byte: bit 0 forward, bit 1 a sort key is present; second
// byte: where to alter the cursor), the sort key, the id, the query fingerprint, the signing
// key, and a token to decode as a client could send it.
//
// Invariants, beyond not crashing:
// - decode(encode(position)) == position, for positions of text PostgreSQL can hold (valid
//   UTF-8: sort keys and ids are read from the database);
// - the same cursor is refused (invalid_cursor) for another query or under another key, and
//   is expired_cursor once its timeout has passed;
// - a cursor with one byte altered is refused, or reads as the very same position (base64
//   has spare bits in its last character): a client cannot move a cursor;
// - any other token is refused with invalid_cursor or expired_cursor, 400 with a UTF-8
//   detail.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "scim/protocol/cursor.hpp"
#include "support.hpp"

namespace {

namespace core = scim::core;
namespace fuzz = scim::fuzz;
namespace protocol = scim::protocol;
using core::error_type;
using std::chrono::seconds;

auto const issued = std::chrono::system_clock::time_point(seconds(1'700'000'000));
constexpr seconds timeout(3600);

bool same(protocol::cursor_position const& a, protocol::cursor_position const& b) {
    return a.forward == b.forward && a.sort_key == b.sort_key && a.id == b.id;
}

// Decodes `token`; a refusal must be one of the documented kinds.
std::optional<protocol::cursor_position> decoded(std::string_view token, std::string_view fingerprint,
                                                 std::string_view key, std::chrono::system_clock::time_point now) {
    try {
        return protocol::decode_cursor(token, fingerprint, key, now, timeout);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_cursor, error_type::expired_cursor});
        return std::nullopt;
    }
}

error_type refusal(std::string_view token, std::string_view fingerprint, std::string_view key,
                   std::chrono::system_clock::time_point now) {
    try {
        protocol::decode_cursor(token, fingerprint, key, now, timeout);
    } catch (core::error const& e) {
        fuzz::require_client_error(e, {error_type::invalid_cursor, error_type::expired_cursor});
        return e.type();
    }
    fuzz::broken("the cursor is refused", token);
}

void round_trip(protocol::cursor_position const& position, std::string_view fingerprint, std::string_view key,
                unsigned alter_at) {
    auto const token = protocol::encode_cursor(position, fingerprint, key, issued);
    auto const back = decoded(token, fingerprint, key, issued + seconds(1));
    fuzz::require(back && same(*back, position), "a cursor decodes to the position it was made of", token);
    fuzz::require(refusal(token, fingerprint, key, issued + timeout + seconds(1)) == error_type::expired_cursor,
                  "a cursor expires", token);
    fuzz::require(refusal(token, std::string(fingerprint) + "x", key, issued) == error_type::invalid_cursor,
                  "a cursor only continues its own query", token);
    fuzz::require(refusal(token, fingerprint, std::string(key) + "x", issued) == error_type::invalid_cursor,
                  "a cursor only verifies under its key", token);
    auto altered = token;
    auto& c = altered[alter_at % altered.size()];
    c = static_cast<char>(c ^ 0x01);
    auto const moved = decoded(altered, fingerprint, key, issued);
    fuzz::require(!moved || same(*moved, position), "an altered cursor never reads as another position", altered);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
    auto parts = fuzz::split(fuzz::text_of(data, size), '\x1f');
    parts.resize(6);
    auto const flags = parts[0];
    auto const bits = flags.empty() ? 0u : static_cast<unsigned char>(flags[0]);
    unsigned const alter_at = flags.size() > 1 ? static_cast<unsigned char>(flags[1]) : 0u;
    protocol::cursor_position position;
    position.forward = (bits & 1) != 0;
    if (bits & 2) position.sort_key = std::string(parts[1]);
    position.id = std::string(parts[2]);
    auto const fingerprint = parts[3];
    auto const key = parts[4];
    if (fuzz::valid_utf8(parts[1]) && fuzz::valid_utf8(parts[2])) round_trip(position, fingerprint, key, alter_at);
    decoded(parts[5], fingerprint, key, issued);
    return 0;
}
