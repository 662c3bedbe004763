#pragma once
// Message submission over SMTP (RFC 6409) with libcurl: smtp:// with STARTTLS (RFC 3207),
// required unless the operator allows plain text, or smtps:// (implicit TLS, RFC 8314);
// AUTH (RFC 4954) when a user is configured; the server's certificate verified against the
// system's trusted roots or --smtp-ca-file. libcurl stays inside src/mail/: it speaks SMTP,
// TLS and the SASL mechanisms better than code of our own would.

#include <memory>
#include <string>
#include <string_view>

#include "scim/core/config.hpp"

namespace scim::mail {

// What became of one message.
struct delivery {
    bool delivered = false;
    // The server refused it for good (an RFC 5321 §4.2.1 5yz reply to the envelope or the
    // data): trying again would not help. Everything else (no connection, a timeout, 4yz, a
    // refused login or STARTTLS) may pass later.
    bool permanent = false;
    // The server could not be reached or would not talk (connect, TLS, STARTTLS, login): the
    // next message would fare no better now.
    bool server_unavailable = false;
    // Why not: libcurl's words and the server's last reply code, never the message.
    std::string detail;
};

// The settings and the password; one per server process.
class smtp_sender {
public:
    // `password` read from settings.password_file by the caller. Calls curl_global_init once.
    smtp_sender(core::mail_settings settings, std::string password);

    // One connection for a batch: opened at the first message, reused for the next ones (each
    // is its own MAIL FROM … DATA), closed with QUIT when the session ends. One thread only.
    class session {
    public:
        explicit session(smtp_sender const& sender);
        ~session();
        session(session const&) = delete;
        session& operator=(session const&) = delete;

        // Sends `data` (mail::render's) from the configured address to `to`.
        delivery send(std::string const& to, std::string_view data);

    private:
        struct impl;
        std::unique_ptr<impl> impl_;
    };

    core::mail_settings const& settings() const { return settings_; }

private:
    core::mail_settings settings_;
    std::string password_;
};

}  // namespace scim::mail
