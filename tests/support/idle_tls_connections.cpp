#include "support/idle_tls_connections.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <stdexcept>
#include <thread>

#include <openssl/ssl.h>

namespace scim::testing {

bool raise_descriptor_limit(std::size_t needed) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < needed) {
        if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < needed) return false;
        limit.rlim_cur = needed;
        if (setrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
    }
    return true;
}

struct idle_tls_connections::connection {
    int fd = -1;
    SSL* ssl = nullptr;
    ~connection() {
        if (ssl) SSL_free(ssl);
        if (fd >= 0) ::close(fd);
    }
};

namespace {

struct ssl_context {
    ssl_context() : ctx(SSL_CTX_new(TLS_client_method())) {
        if (!ctx) throw std::runtime_error("SSL_CTX_new");
        SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);  // scimd's development certificate is self-signed
    }
    ~ssl_context() { SSL_CTX_free(ctx); }
    SSL_CTX* ctx;
};

ssl_context& client_context() {
    static ssl_context context;
    return context;
}

}  // namespace

idle_tls_connections::idle_tls_connections() = default;
idle_tls_connections::~idle_tls_connections() = default;

std::size_t idle_tls_connections::open(std::string const& local_address, unsigned short port, std::size_t count,
                                       std::size_t parallel) {
    std::mutex mutex;
    std::size_t opened = 0;
    auto open_one = [&]() -> std::unique_ptr<connection> {
        auto c = std::make_unique<connection>();
        c->fd = ::socket(AF_INET, SOCK_STREAM, 0);
        if (c->fd < 0) return nullptr;
        // A server that neither answers nor closes must not hang the test.
        timeval timeout{5, 0};
        setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        if (inet_pton(AF_INET, local_address.c_str(), &from.sin_addr) != 1) return nullptr;
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(c->fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
            ::connect(c->fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
            return nullptr;
        }
        c->ssl = SSL_new(client_context().ctx);
        if (!c->ssl || SSL_set_fd(c->ssl, c->fd) != 1 || SSL_connect(c->ssl) != 1) return nullptr;
        return c;
    };
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < parallel; ++t) {
        threads.emplace_back([&, t] {
            // A write to a connection the server closed raises SIGPIPE for the writing thread;
            // blocked here, the write fails with EPIPE instead of ending the test process.
            sigset_t pipe;
            sigemptyset(&pipe);
            sigaddset(&pipe, SIGPIPE);
            pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
            for (std::size_t i = t; i < count; i += parallel) {
                auto c = open_one();
                if (!c) continue;
                std::lock_guard lock(mutex);
                connections_.push_back(std::move(c));
                ++opened;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    return opened;
}

std::size_t idle_tls_connections::still_open() const {
    std::size_t open = 0;
    for (auto const& c : connections_) {
        pollfd p{c->fd, POLLRDHUP, 0};
        if (::poll(&p, 1, 0) == 0 || (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) == 0) ++open;
    }
    return open;
}

}  // namespace scim::testing
