#include "scim/protocol/cursor.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"

namespace scim::protocol {
namespace {

namespace json = boost::json;

constexpr std::int64_t format_version = 1;

[[noreturn]] void invalid() {
    throw core::error(core::error_type::invalid_cursor,
                      "the cursor is not one this server issued for this query; start again without a cursor");
}

std::string query_digest(std::string_view fingerprint) {
    return core::base64url_encode(core::sha256(fingerprint)).substr(0, 22);
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string encode_cursor(cursor_position const& position, std::string_view query_fingerprint, std::string_view key,
                          std::chrono::system_clock::time_point issued) {
    json::object payload{
        {"v", format_version},
        {"f", position.forward},
        {"i", position.id},
        {"t", unix_seconds(issued)},
        {"q", query_digest(query_fingerprint)},
    };
    payload["k"] = position.sort_key ? json::value(*position.sort_key) : json::value(nullptr);
    auto const body = core::base64url_encode(json::serialize(payload));
    return body + "." + core::base64url_encode(core::hmac_sha256(key, body));
}

cursor_position decode_cursor(std::string_view token, std::string_view query_fingerprint, std::string_view key,
                              std::chrono::system_clock::time_point now, std::chrono::seconds timeout) {
    auto const dot = token.find('.');
    if (dot == std::string_view::npos) invalid();
    auto const body = token.substr(0, dot);
    auto const tag = core::base64url_decode(token.substr(dot + 1));
    // The signature first: nothing of an unsigned payload is looked at.
    if (!tag || !core::constant_time_equal(*tag, core::hmac_sha256(key, body))) invalid();
    auto const text = core::base64url_decode(body);
    if (!text) invalid();
    boost::system::error_code ec;
    auto const parsed = json::parse(*text, ec);
    if (ec || !parsed.is_object()) invalid();
    auto const& payload = parsed.as_object();
    auto const* v = payload.if_contains("v");
    auto const* f = payload.if_contains("f");
    auto const* i = payload.if_contains("i");
    auto const* t = payload.if_contains("t");
    auto const* q = payload.if_contains("q");
    auto const* k = payload.if_contains("k");
    if (!v || !v->is_int64() || v->as_int64() != format_version || !f || !f->is_bool() || !i || !i->is_string() || !t ||
        !t->is_int64() || !q || !q->is_string() || !k || !(k->is_string() || k->is_null())) {
        invalid();
    }
    if (q->as_string() != query_digest(query_fingerprint)) invalid();
    if (unix_seconds(now) - t->as_int64() > timeout.count()) {
        throw core::error(core::error_type::expired_cursor, "the cursor has expired (cursors last " +
                                                                std::to_string(timeout.count()) +
                                                                " seconds); start again without a cursor");
    }
    cursor_position out;
    out.forward = f->as_bool();
    out.id = std::string(i->as_string());
    if (k->is_string()) out.sort_key = std::string(k->as_string());
    return out;
}

}  // namespace scim::protocol
