#include "scim/mail/smtp.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <new>
#include <stdexcept>

namespace scim::mail {
namespace {

// curl_global_init is not thread-safe: once, before the first handle.
void initialize_curl() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialize");
    });
}

// The bytes of one message, handed to libcurl as it asks for them.
struct upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& u = *static_cast<upload*>(user);
    auto const n = std::min(size * count, u.data.size() - u.offset);
    std::memcpy(buffer, u.data.data() + u.offset, n);
    u.offset += n;
    return n;
}

struct free_list {
    void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

smtp_sender::smtp_sender(core::mail_settings settings, std::string password)
    : settings_(std::move(settings)), password_(std::move(password)) {
    initialize_curl();
}

struct smtp_sender::session::impl {
    CURL* handle = nullptr;
    char error[CURL_ERROR_SIZE] = {};
    std::string envelope_from;
};

smtp_sender::session::session(smtp_sender const& sender) : impl_(std::make_unique<impl>()) {
    auto const& s = sender.settings_;
    impl_->handle = curl_easy_init();
    if (!impl_->handle) throw std::runtime_error("libcurl could not make a handle");
    auto* h = impl_->handle;
    impl_->envelope_from = "<" + s.from_address + ">";
    curl_easy_setopt(h, CURLOPT_URL, s.smtp_url.c_str());
    // Never anything but SMTP, whatever the URL or a redirect says.
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    // smtp://: STARTTLS before anything else is said, or no message (RFC 3207; RFC 8314 §3.2
    // would rather have implicit TLS, smtps://). Where the operator allows plain text, TLS is
    // still used when the server offers it.
    curl_easy_setopt(h, CURLOPT_USE_SSL, static_cast<long>(s.allow_plaintext ? CURLUSESSL_TRY : CURLUSESSL_ALL));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!s.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_file.c_str());
    if (!s.username.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, s.username.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, sender.password_.c_str());
    }
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, impl_->envelope_from.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.connect_timeout.count() * 1000));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(s.send_timeout.count() * 1000));
    // Timeouts by the clock, not by SIGALRM: the server has other threads.
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, impl_->error);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_READFUNCTION, read_upload);
}

smtp_sender::session::~session() { curl_easy_cleanup(impl_->handle); }

delivery smtp_sender::session::send(std::string const& to, std::string_view data) {
    auto* h = impl_->handle;
    std::unique_ptr<curl_slist, free_list> recipients(curl_slist_append(nullptr, ("<" + to + ">").c_str()));
    if (!recipients) throw std::bad_alloc();
    upload body{data};
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(h, CURLOPT_READDATA, &body);
    curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
    impl_->error[0] = '\0';
    auto const result = curl_easy_perform(h);
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));
    if (result == CURLE_OK) return {true, false, false, {}};
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    delivery out;
    out.detail = curl_easy_strerror(result);
    if (impl_->error[0] != '\0') out.detail += std::string(": ") + impl_->error;
    if (reply != 0) out.detail += " (SMTP reply " + std::to_string(reply) + ")";
    // No connection, no TLS, no STARTTLS or a refused login: the configuration's or the
    // server's problem, not the message's; it may pass once they are fixed.
    out.server_unavailable = result == CURLE_COULDNT_RESOLVE_HOST || result == CURLE_COULDNT_CONNECT ||
                             result == CURLE_OPERATION_TIMEDOUT || result == CURLE_SSL_CONNECT_ERROR ||
                             result == CURLE_PEER_FAILED_VERIFICATION || result == CURLE_USE_SSL_FAILED ||
                             result == CURLE_LOGIN_DENIED;
    out.permanent = reply >= 500 && reply < 600 && !out.server_unavailable;
    return out;
}

}  // namespace scim::mail
