#pragma once
// A download over TLS that reads only when told to, with a small receive buffer, as a slow
// client would: once the socket buffers are full, the server's writes wait and its streamed
// response (an export) stays under way. For tests of what holds while a response streams.

#include <string>

using SSL = struct ssl_st;
using SSL_CTX = struct ssl_ctx_st;

namespace scim::testing {

class slow_download {
public:
    // Connects to 127.0.0.1:`port` and sends `GET target` with the bearer `token`.
    slow_download(unsigned short port, std::string const& target, std::string const& token);
    ~slow_download();
    slow_download(slow_download const&) = delete;
    slow_download& operator=(slow_download const&) = delete;

    // The reply's head (status line and fields, up to the blank line): once it came, the
    // server has begun the response. The body stays unread.
    std::string head();
    // Everything after what was read, until the server closes (or resets) the connection or the body's
    // last chunk came (RFC 9112 §7.1: "0\r\n\r\n"), in its chunked coding.
    std::string rest();

private:
    void release() noexcept;

    int fd_ = -1;
    SSL_CTX* ctx_ = nullptr;
    SSL* ssl_ = nullptr;
};

}  // namespace scim::testing
