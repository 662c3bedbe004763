#pragma once
// An outgoing message as it goes over SMTP: RFC 5322 header fields and a MIME
// multipart/alternative body (RFC 2045, 2046) with a plain-text and an HTML part. Whatever a
// header field shows that came from users (a site's name in a subject, a sender's name) is
// an RFC 2047 encoded-word when it is not plain ASCII, so no value can end a field and start
// another (header injection); addresses that could are refused.

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace scim::mail {

struct message {
    std::string from_address;  // checked with is_plain_address
    std::string from_name;     // may be empty; any UTF-8
    std::string to_address;    // checked with is_plain_address
    std::string subject;       // any UTF-8; control characters become spaces
    std::string text;          // the text/plain part, UTF-8
    std::string html;          // the text/html part, UTF-8; empty: a text/plain message only
    std::string id;            // the left part of Message-ID (dot-atom text: letters, digits, - _ .)
    std::chrono::system_clock::time_point date;
};

// The message as SMTP's DATA carries it: CRLF line ends (the parts' text too, RFC 2046 §4.1.1),
// each part base64 (so that no line is too long and no line is "."), a boundary that base64
// cannot produce. Throws
// std::invalid_argument naming the field when an address is not is_plain_address or the id
// holds anything but dot-atom text.
std::string render(message const& m);

// local@domain in printable ASCII without spaces, angle brackets, quotes, commas or other
// specials (RFC 5321 §4.1.2 dot-string@domain, without quoted local parts or address literals):
// what can go between "<" and ">" of a header field and an SMTP command as it is.
bool is_plain_address(std::string_view address);

// `text` for an unstructured header field (RFC 5322 §2.2.1): as it is when it is short
// printable ASCII, else RFC 2047 "B" encoded-words of UTF-8, folded; control characters become
// spaces first.
std::string header_text(std::string_view text);

// Base64 (RFC 4648 §4) in lines of 76 characters, each ended by CRLF (RFC 2045 §6.8).
std::string base64_lines(std::string_view data);

// An RFC 5322 §3.3 date-time in UTC: "Sat, 05 Dec 2026 21:50:01 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point t);

}  // namespace scim::mail
