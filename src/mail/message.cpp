#include "scim/mail/message.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "scim/core/crypto.hpp"

namespace scim::mail {
namespace {

constexpr std::string_view crlf = "\r\n";

// RFC 5322 §3.2.3 atext: what a dot-atom holds besides dots.
bool is_atext(char c) {
    unsigned char const u = static_cast<unsigned char>(c);
    if (u >= '0' && u <= '9') return true;
    if ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') return true;
    return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool is_dot_atom(std::string_view s) {
    if (s.empty() || s.front() == '.' || s.back() == '.') return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '.') {
            if (s[i - 1] == '.') return false;
        } else if (!is_atext(s[i])) {
            return false;
        }
    }
    return true;
}

// A display name that may stand as it is: atoms and single spaces (RFC 5322 §3.2.5 phrase).
bool is_plain_phrase(std::string_view s) {
    if (s.empty() || s.size() > 60 || s.front() == ' ' || s.back() == ' ') return false;
    for (char c : s) {
        if (c != ' ' && !is_atext(c)) return false;
    }
    return s.find("=?") == std::string_view::npos;
}

std::string without_controls(std::string_view text) {
    std::string out(text);
    for (auto& c : out) {
        unsigned char const u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) c = ' ';
    }
    return out;
}

// Encoded-words of at most 75 characters (RFC 2047 §2): 45 bytes of UTF-8 become 60 of base64,
// and a word never splits a character (§5: each word must stand on its own).
std::string encoded_words(std::string_view utf8) {
    constexpr std::size_t most_bytes = 45;
    std::string out;
    std::size_t at = 0;
    while (at < utf8.size()) {
        auto end = std::min(at + most_bytes, utf8.size());
        // Back off to the start of a character: continuation bytes are 10xxxxxx.
        while (end < utf8.size() && end > at + 1 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        auto encoded = base64_lines(utf8.substr(at, end - at));
        encoded.erase(encoded.size() - crlf.size());
        out += "=?UTF-8?B?" + encoded + "?=";
        at = end;
    }
    return out;
}

std::string mailbox(std::string_view name, std::string_view address) {
    if (name.empty()) return "<" + std::string(address) + ">";
    auto const cleaned = without_controls(name);
    return (is_plain_phrase(cleaned) ? cleaned : encoded_words(cleaned)) + " <" + std::string(address) + ">";
}

std::string domain_of(std::string_view address) { return std::string(address.substr(address.rfind('@') + 1)); }

// RFC 2046 §4.1.1: text is encoded in its canonical form, its line breaks CRLF.
std::string canonical_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    return out;
}

std::string part(std::string_view boundary, std::string_view media_type, std::string_view content) {
    return "--" + std::string(boundary) + "\r\nContent-Type: " + std::string(media_type) +
           "; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(canonical_text(content));
}

}  // namespace

bool is_plain_address(std::string_view address) {
    auto const at = address.rfind('@');
    if (at == std::string_view::npos || address.size() > 254) return false;
    auto const local = address.substr(0, at);
    auto const domain = address.substr(at + 1);
    // RFC 5321 §4.5.3.1: 64 octets of local part at most.
    return local.size() <= 64 && is_dot_atom(local) && is_dot_atom(domain);
}

std::string header_text(std::string_view text) {
    auto const cleaned = without_controls(text);
    bool plain = cleaned.size() <= 70 && cleaned.find("=?") == std::string::npos;
    for (char c : cleaned) {
        if (static_cast<unsigned char>(c) > 0x7e) plain = false;
    }
    return plain ? cleaned : encoded_words(cleaned);
}

std::string base64_lines(std::string_view data) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    auto byte = [&](std::size_t i) { return i < data.size() ? static_cast<unsigned char>(data[i]) : 0u; };
    std::string out;
    std::size_t line = 0;
    for (std::size_t i = 0; i < data.size(); i += 3) {
        unsigned const v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += i + 1 < data.size() ? alphabet[(v >> 6) & 63] : '=';
        out += i + 2 < data.size() ? alphabet[v & 63] : '=';
        line += 4;
        if (line == 76) {
            out += crlf;
            line = 0;
        }
    }
    if (line > 0 || out.empty()) out += crlf;
    return out;
}

std::string rfc5322_date(std::chrono::system_clock::time_point t) {
    static constexpr std::array<char const*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<char const*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto const seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char out[40];
    std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d +0000", days.at(utc.tm_wday), utc.tm_mday,
                  months.at(utc.tm_mon), utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return out;
}

std::string render(message const& m) {
    if (!is_plain_address(m.from_address))
        throw std::invalid_argument("the sender's address is not one a header field can carry");
    if (!is_plain_address(m.to_address))
        throw std::invalid_argument("the recipient's address is not one a header field can carry");
    if (!is_dot_atom(m.id)) throw std::invalid_argument("the message id is not dot-atom text");
    std::string out;
    out += "From: " + mailbox(m.from_name, m.from_address) + "\r\n";
    out += "To: " + mailbox({}, m.to_address) + "\r\n";
    out += "Subject: " + header_text(m.subject) + "\r\n";
    out += "Date: " + rfc5322_date(m.date) + "\r\n";
    out += "Message-ID: <" + m.id + "@" + domain_of(m.from_address) + ">\r\n";
    // RFC 3834 §5: sent by a program, so that vacation responders do not answer it.
    out += "Auto-Submitted: auto-generated\r\n";
    out += "MIME-Version: 1.0\r\n";
    if (m.html.empty()) {
        out += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        out += base64_lines(canonical_text(m.text));
        return out;
    }
    // "=_" cannot occur in base64 (RFC 2045 §6.7's trick), so no part can hold the boundary.
    auto const boundary = "=_scimd_" + core::random_token(12);
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    // RFC 2046 §5.1.4: the parts in increasing order of preference, plain text first.
    out += part(boundary, "text/plain", m.text);
    out += part(boundary, "text/html", m.html);
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace scim::mail
