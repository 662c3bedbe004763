// The real server's connection limits, with sockets from several loopback addresses (every
// address of 127/8 is loopback on Linux): idle connections make room for newcomers, a client
// at its address limit replaces its own, and slow requests hold no worker.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "client/https_client.hpp"
#include "gate.hpp"
#include "scim/http/server.hpp"

namespace scim::http {
namespace {

using namespace std::chrono_literals;
using scim::testing::client_options;
using scim::testing::https_client;

// A TCP connection to the server from `local` that has sent nothing yet: on a TLS server, a
// handshake never begun.
class silent_socket {
public:
    silent_socket(char const* local, unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        if (fd_ < 0) throw std::runtime_error("socket");
        sockaddr_in from{};
        from.sin_family = AF_INET;
        inet_pton(AF_INET, local, &from.sin_addr);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
            ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
            ::close(fd_);
            throw std::runtime_error(std::string("cannot connect from ") + local);
        }
    }
    ~silent_socket() { ::close(fd_); }
    silent_socket(silent_socket const&) = delete;
    silent_socket& operator=(silent_socket const&) = delete;

    void send(std::string const& bytes) {
        ASSERT_EQ(::send(fd_, bytes.data(), bytes.size(), 0), static_cast<ssize_t>(bytes.size()));
    }
    // Whether the server closed the connection within `timeout`.
    bool closed_by_server(std::chrono::milliseconds timeout) {
        pollfd p{fd_, POLLIN | POLLRDHUP, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
        return (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
    }
    // Everything the server sends until it closes the connection or `timeout` passes.
    std::string read_all(std::chrono::milliseconds timeout) {
        std::string out;
        auto const deadline = std::chrono::steady_clock::now() + timeout;
        char buffer[4096];
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0) continue;
            auto const n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) break;
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }

private:
    int fd_;
};

response text(std::string body) {
    response res;
    res.body = std::move(body);
    return res;
}

router make_routes(testing::gate& gate) {
    router routes([](core::error const& e, request const*) {
        response res;
        res.status = e.status();
        res.body = "rendered: " + e.detail();
        return res;
    });
    routes.add("GET", "/hello", [](request const&, route_params const&) { return text("hello"); });
    routes.add("POST", "/echo", [](request const& req, route_params const&) { return text(req.body); });
    routes.add("GET", "/block", [&gate](request const&, route_params const&) {
        gate.pass();
        return text("unblocked");
    });
    return routes;
}

class connection_limits : public ::testing::Test {
protected:
    ~connection_limits() override {
        gate_.open();
        if (server_) {
            server_->stop();
            done_.wait();
        }
    }

    void start(std::size_t max_connections, std::size_t per_address, bool tls = true) {
        server_options o;
        o.host = "127.0.0.1";
        o.port = 0;
        if (tls) o.tls = self_signed_localhost();
        o.workers.threads = 1;
        o.workers.queue_length = 1;
        o.limits.max_connections = max_connections;
        o.limits.max_connections_per_address = per_address;
        server_ = std::make_unique<server>(std::move(o), routes_);
        server_->bind();
        done_ = std::async(std::launch::async, [this] { server_->run(); });
    }
    unsigned short port() { return server_->local_port(); }
    https_client client(bool tls = true) {
        return https_client("127.0.0.1", port(), client_options{.tls = tls, .timeout = 5s});
    }

    testing::gate gate_;
    router routes_ = make_routes(gate_);
    std::unique_ptr<server> server_;
    std::future<void> done_;
};

TEST_F(connection_limits, an_idle_connection_makes_room_for_a_newcomer_at_the_limit) {
    start(3, 3);
    std::vector<std::unique_ptr<silent_socket>> idle;
    for (int i = 0; i < 3; ++i) idle.push_back(std::make_unique<silent_socket>("127.0.0.2", port()));
    auto newcomer = client();
    EXPECT_EQ(newcomer.request("GET", "/hello").status, 200);
    EXPECT_TRUE(idle[0]->closed_by_server(2s)) << "the one idle longest";
    EXPECT_FALSE(idle[1]->closed_by_server(100ms));
    EXPECT_FALSE(idle[2]->closed_by_server(0ms));
}

TEST_F(connection_limits, a_client_at_its_address_limit_replaces_its_own_idle_connections) {
    start(10, 2);
    silent_socket other("127.0.0.3", port());
    std::vector<std::unique_ptr<silent_socket>> own;
    for (int i = 0; i < 4; ++i) own.push_back(std::make_unique<silent_socket>("127.0.0.2", port()));
    EXPECT_TRUE(own[0]->closed_by_server(2s));
    EXPECT_TRUE(own[1]->closed_by_server(2s));
    EXPECT_FALSE(own[2]->closed_by_server(100ms));
    EXPECT_FALSE(own[3]->closed_by_server(0ms));
    EXPECT_FALSE(other.closed_by_server(0ms)) << "another address's connection, though idle longer";
    EXPECT_EQ(client().request("GET", "/hello").status, 200);
}

TEST_F(connection_limits, a_newcomer_is_closed_at_once_only_when_every_connection_is_busy) {
    start(1, 1);
    auto running = std::async(std::launch::async, [this] { return client().request("GET", "/block"); });
    ASSERT_TRUE(gate_.wait_arrived(1));
    EXPECT_THROW(client().request("GET", "/hello"), std::runtime_error);
    gate_.open();
    EXPECT_EQ(running.get().status, 200) << "the busy connection is not cut off";
    // Its connection now waits idle for a next request: it makes room.
    EXPECT_EQ(client().request("GET", "/hello").status, 200);
}

// The request is read on the I/O threads; the worker gets it once it is whole (server.hpp).
TEST_F(connection_limits, a_request_whose_body_trickles_in_holds_no_worker) {
    start(10, 10, false);
    silent_socket slow("127.0.0.2", port());
    slow.send("POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhalf ");
    auto c = client(false);
    for (int i = 0; i < 3; ++i) {
        auto const begin = std::chrono::steady_clock::now();
        EXPECT_EQ(c.request("GET", "/hello").status, 200) << "the only worker is free";
        EXPECT_LT(std::chrono::steady_clock::now() - begin, 1s);
    }
    slow.send("body!");
    auto const reply = slow.read_all(2s);
    EXPECT_NE(reply.find("200 OK"), std::string::npos) << reply;
    EXPECT_NE(reply.find("half body!"), std::string::npos) << reply;
}

}  // namespace
}  // namespace scim::http
