#pragma once
// RFC 9865 cursors, stateless and signed: any replica that shares the signing key can serve
// the next page, and a client cannot forge or alter a position.
//
// Form: base64url(payload) "." base64url(HMAC-SHA256(key, base64url(payload))), where the
// payload is a small JSON object holding a format version, the position, the issue time and
// a digest of the query fingerprint (directory, resource type, filter, sort), so that a
// cursor only continues the listing it came from.
//
// A cursor is as long as its sort value makes it: nothing caps it below what encode_cursor
// issues. What decode_cursor reads is bounded by the request's own limits, and it checks the
// signature before it decodes anything.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace scim::protocol {

struct cursor_position {
    bool forward = true;                  // rows after the boundary row (nextCursor), or before it (previousCursor)
    std::optional<std::string> sort_key;  // the boundary row's sort value as text; nullopt when it has none
    std::string id;                       // the boundary row's id
};

std::string encode_cursor(cursor_position const& position, std::string_view query_fingerprint, std::string_view key,
                          std::chrono::system_clock::time_point issued);

// Throws core::error(invalid_cursor) for a malformed or altered cursor or one from another
// query, and core::error(expired_cursor) once `timeout` has passed since it was issued
// (RFC 9865 §4).
cursor_position decode_cursor(std::string_view token, std::string_view query_fingerprint, std::string_view key,
                              std::chrono::system_clock::time_point now, std::chrono::seconds timeout);

}  // namespace scim::protocol
