#pragma once
// A real SMTP server for tests: tests/support/smtp_sink.py (aiosmtpd, Debian's
// python3-aiosmtpd) on a loopback port, writing each message it accepts to a folder as JSON
// (its envelope, header fields, decoded MIME parts). Recipients whose local part starts with
// "bounce" are refused with 550.
//
//   auto port = smtp_sink::free_port();      // before scimd starts: --smtp-url smtp://127.0.0.1:<port>
//   smtp_sink sink(port);                     // plain; or with {.tls_cert_file, .tls_key_file, ...}
//   auto messages = sink.wait_for(1);         // what it received, oldest first

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "support/child_process.hpp"

namespace scim::testing {

struct smtp_sink_options {
    std::string tls_cert_file;  // with tls_key_file: STARTTLS offered and required
    std::string tls_key_file;
    std::string user;  // with password: AUTH required
    std::string password;
};

class smtp_sink {
public:
    // Throws std::runtime_error when python3 or aiosmtpd is missing or it does not listen in 15 s.
    explicit smtp_sink(unsigned short port, smtp_sink_options const& options = {});
    ~smtp_sink();  // SIGTERM, then waits; the folder goes
    smtp_sink(smtp_sink const&) = delete;
    smtp_sink& operator=(smtp_sink const&) = delete;

    // The messages received so far, oldest first.
    std::vector<boost::json::object> messages() const;
    // Waits (up to `timeout`) until at least `count` messages arrived; answers them all.
    std::vector<boost::json::object> wait_for(std::size_t count,
                                              std::chrono::seconds timeout = std::chrono::seconds(30)) const;

    // The folder it writes each message to, one JSON file each (for a reader in another process:
    // the console's browser tests).
    std::string const& folder() const { return folder_; }

    // A loopback TCP port nobody listens on now.
    static unsigned short free_port();

private:
    std::string folder_;
    std::unique_ptr<child_process> process_;
};

// The message's part of media type `type` ("text/plain", "text/html"): its decoded content, ""
// when there is none.
std::string mail_part(boost::json::object const& message, std::string const& type);

// The message's header field `name`, as the server decoded it (RFC 2047 words read).
std::string mail_header(boost::json::object const& message, std::string const& name);

}  // namespace scim::testing
