#include "slow_download.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace scim::testing {

slow_download::slow_download(unsigned short port, std::string const& target, std::string const& token) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int const tiny = 4096;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &tiny, sizeof tiny);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port);
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr const*>(&to), sizeof to) != 0) {
        ::close(fd_);
        throw std::runtime_error("connect");
    }
    ctx_ = SSL_CTX_new(TLS_client_method());
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    std::string const request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    if (SSL_connect(ssl_) != 1 || SSL_write(ssl_, request.data(), static_cast<int>(request.size())) <= 0) {
        release();
        throw std::runtime_error("TLS handshake or write failed");
    }
}

slow_download::~slow_download() { release(); }

void slow_download::release() noexcept {
    if (ssl_) SSL_free(ssl_);
    if (ctx_) SSL_CTX_free(ctx_);
    if (fd_ >= 0) ::close(fd_);
    ssl_ = nullptr;
    ctx_ = nullptr;
    fd_ = -1;
}

std::string slow_download::head() {
    std::string head;
    char c = 0;
    while (head.size() < 16384 && !head.ends_with("\r\n\r\n") && SSL_read(ssl_, &c, 1) == 1) head += c;
    return head;
}

std::string slow_download::rest() {
    std::string body;
    char buffer[16384];
    int n = 0;
    while (!body.ends_with("\r\n0\r\n\r\n") && (n = SSL_read(ssl_, buffer, sizeof buffer)) > 0) {
        body.append(buffer, static_cast<std::size_t>(n));
    }
    return body;
}

}  // namespace scim::testing
