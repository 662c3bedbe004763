// mail::render and its pieces: RFC 5322 header fields, RFC 2047 encoded-words for what is not
// plain ASCII, MIME multipart/alternative with base64 parts, and no header injection from the
// values a message carries.

#include "scim/mail/message.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

namespace scim::mail {
namespace {

message sample() {
    message m;
    m.from_address = "noreply@scimd.example";
    m.from_name = "Acme Admin";
    m.to_address = "ann@acme.com";
    m.subject = "Confirm your email address";
    m.text = "Open this link: https://scimd.example/email-verifications/x\n";
    m.html = "<p>Open <a href=\"https://scimd.example/\">this</a></p>";
    m.id = "0123456789abcdef";
    m.date = std::chrono::system_clock::from_time_t(1796507401);  // 2026-12-05 21:50:01 UTC
    return m;
}

std::string header_block(std::string const& data) { return data.substr(0, data.find("\r\n\r\n")); }

// The base64 text of `data` decoded (for checking parts).
std::string from_base64(std::string const& text) {
    static std::string const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned bits = 0;
    int count = 0;
    for (char c : text) {
        auto const at = alphabet.find(c);
        if (at == std::string::npos) continue;
        bits = (bits << 6) | static_cast<unsigned>(at);
        count += 6;
        if (count >= 8) {
            count -= 8;
            out += static_cast<char>((bits >> count) & 0xFF);
        }
    }
    return out;
}

TEST(mail_message, has_the_rfc_5322_fields_and_two_alternative_parts) {
    auto const data = render(sample());
    auto const headers = header_block(data);
    EXPECT_NE(headers.find("From: Acme Admin <noreply@scimd.example>\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("To: <ann@acme.com>\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("Subject: Confirm your email address\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("Date: Sat, 05 Dec 2026 21:50:01 +0000\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("Message-ID: <0123456789abcdef@scimd.example>\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("Auto-Submitted: auto-generated\r\n"), std::string::npos) << headers;
    EXPECT_NE(headers.find("MIME-Version: 1.0\r\n"), std::string::npos) << headers;
    auto const type_at = headers.find("Content-Type: multipart/alternative; boundary=\"");
    ASSERT_NE(type_at, std::string::npos) << headers;
    auto const boundary_at = type_at + std::string("Content-Type: multipart/alternative; boundary=\"").size();
    auto const boundary = headers.substr(boundary_at, headers.find('"', boundary_at) - boundary_at);
    EXPECT_EQ(boundary.rfind("=_", 0), 0u);
    auto const plain = data.find("--" + boundary +
                                 "\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                                 "Content-Transfer-Encoding: base64\r\n\r\n");
    auto const html = data.find("--" + boundary +
                                "\r\nContent-Type: text/html; charset=UTF-8\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\n");
    ASSERT_NE(plain, std::string::npos);
    ASSERT_NE(html, std::string::npos);
    EXPECT_LT(plain, html) << "RFC 2046 §5.1.4: the plainest part first";
    EXPECT_EQ(data.substr(data.size() - boundary.size() - 6), "--" + boundary + "--\r\n");
    auto const plain_body = data.substr(data.find("\r\n\r\n", plain) + 4, html - data.find("\r\n\r\n", plain) - 4);
    // In canonical form (RFC 2046 §4.1.1): CRLF line breaks.
    EXPECT_EQ(from_base64(plain_body), "Open this link: https://scimd.example/email-verifications/x\r\n");
    // Every line ends in CRLF and none is longer than RFC 5322 §2.1.1's 78 characters.
    std::size_t start = 0;
    for (auto end = data.find('\n'); end != std::string::npos; start = end + 1, end = data.find('\n', start)) {
        ASSERT_GT(end, start);
        EXPECT_EQ(data[end - 1], '\r');
        EXPECT_LE(end - 1 - start, 78u) << data.substr(start, end - start);
    }
}

TEST(mail_message, without_html_is_one_text_part) {
    auto m = sample();
    m.html.clear();
    auto const data = render(m);
    EXPECT_NE(header_block(data).find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
    EXPECT_EQ(data.find("multipart"), std::string::npos);
}

TEST(mail_message, non_ascii_names_and_subjects_are_rfc_2047_words) {
    auto m = sample();
    m.from_name = "Équipe Über";
    m.subject = "You are invited to Zürich Büro";
    auto const headers = header_block(render(m));
    EXPECT_NE(headers.find("From: =?UTF-8?B?" + std::string("w4lxdWlwZSDDnGJlcg==") + "?= <noreply@scimd.example>"),
              std::string::npos)
        << headers;
    EXPECT_NE(headers.find("Subject: =?UTF-8?B?"), std::string::npos) << headers;
    for (char c : headers) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "header fields are ASCII";
}

TEST(mail_message, a_long_subject_folds_into_words_that_never_split_a_character) {
    std::string subject;
    for (int i = 0; i < 40; ++i) subject += "é";  // 80 bytes
    auto const text = header_text(subject);
    // Two words: 45 bytes would cut an "é" in half, so the first holds 44.
    EXPECT_EQ(text, "=?UTF-8?B?" + std::string(base64_lines(subject.substr(0, 44))).substr(0, 60) +
                        "?=\r\n =?UTF-8?B?" + std::string(base64_lines(subject.substr(44))).substr(0, 48) + "?=");
}

TEST(mail_message, line_breaks_in_a_value_cannot_start_a_header_field) {
    auto m = sample();
    m.subject = "Hello\r\nBcc: victim@example.com";
    m.from_name = "Admin\r\nX-Injected: yes";
    auto const headers = header_block(render(m));
    EXPECT_EQ(headers.find("\r\nBcc:"), std::string::npos) << headers;
    EXPECT_EQ(headers.find("\r\nX-Injected:"), std::string::npos) << headers;
    EXPECT_NE(headers.find("Subject: Hello  Bcc: victim@example.com\r\n"), std::string::npos) << headers;
}

TEST(mail_message, addresses_that_could_inject_are_refused) {
    for (std::string bad : {"ann@acme.com\r\nBcc: x@y.z", "ann@acme.com>, <x@y.z", "Ann <ann@acme.com>", "ann",
                            "@acme.com", "ann@", "a n@acme.com", "ann@acme..com", "\"ann\"@acme.com", "änn@acme.com"}) {
        EXPECT_FALSE(is_plain_address(bad)) << bad;
        auto m = sample();
        m.to_address = bad;
        EXPECT_THROW(render(m), std::invalid_argument) << bad;
    }
    for (std::string good : {"ann@acme.com", "ann.smith+scim@mail.acme.co.uk", "o'brien@acme.com"}) {
        EXPECT_TRUE(is_plain_address(good)) << good;
    }
    auto m = sample();
    m.id = "id>\r\nX: y";
    EXPECT_THROW(render(m), std::invalid_argument);
}

TEST(mail_message, base64_lines_are_76_characters) {
    std::string const data(100, 'a');
    auto const text = base64_lines(data);
    EXPECT_EQ(text.find("\r\n"), 76u);
    EXPECT_EQ(from_base64(text), data);
    EXPECT_EQ(base64_lines(""), "\r\n");
}

}  // namespace
}  // namespace scim::mail
