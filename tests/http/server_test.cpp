// The real server on a free port, driven over TLS (and plain HTTP) by the test client.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
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
using scim::testing::http_reply;
using scim::testing::https_client;

std::atomic<bool> stream_released{false};

// Error bodies say that the router's renderer made them.
response render(core::error const& e, request const*) {
    response res;
    res.status = e.status();
    res.body = "rendered: " + e.detail();
    res.set_header("Content-Type", "text/plain");
    return res;
}

response text(std::string body) {
    response res;
    res.body = std::move(body);
    return res;
}

router make_routes(testing::gate& gate) {
    router routes(render);
    routes.add("GET", "/hello", [](request const&, route_params const&) { return text("hello"); });
    routes.add("GET", "/echo/{id}", [](request const& req, route_params const& p) {
        return text("id=" + p.at("id") + " path=" + req.path + " query=" + req.query +
                    " secure=" + (req.secure ? "1" : "0") + " rid=" + req.request_id +
                    " agent=" + std::string(req.header("User-Agent")));
    });
    routes.add("POST", "/echo", [](request const& req, route_params const&) { return text(req.body); });
    routes.add("GET", "/block", [&gate](request const&, route_params const&) {
        gate.pass();
        return text("unblocked");
    });
    // Streamed bodies: `n` pieces "piece <i>\n", with an empty piece (skipped) after the first.
    routes.add("GET", "/stream/{n}", [](request const&, route_params const& p) {
        response res;
        auto const n = std::stoi(p.at("n"));
        auto next = std::make_shared<int>(0);
        auto empty_sent = std::make_shared<bool>(false);
        res.stream = [n, next, empty_sent]() -> std::optional<std::string> {
            if (*next == 1 && !*empty_sent) {
                *empty_sent = true;
                return std::string();
            }
            if (*next == n) return std::nullopt;
            return "piece " + std::to_string((*next)++) + "\n";
        };
        return res;
    });
    routes.add("GET", "/stream-fails", [](request const&, route_params const&) {
        response res;
        auto calls = std::make_shared<int>(0);
        res.stream = [calls]() -> std::optional<std::string> {
            if (++*calls > 2) throw std::runtime_error("the database went away");
            return std::string("piece\n");
        };
        return res;
    });
    // Four pieces, 400 ms apart: longer than a 1 s read deadline in all.
    routes.add("GET", "/stream-slow", [](request const&, route_params const&) {
        response res;
        auto calls = std::make_shared<int>(0);
        res.stream = [calls]() -> std::optional<std::string> {
            if (*calls == 4) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            return "slow " + std::to_string((*calls)++) + "\n";
        };
        return res;
    });
    // Endless 64 KiB pieces; `stream_released` is set when the server destroys the producer.
    routes.add("GET", "/stream-endless", [](request const&, route_params const&) {
        struct endless {
            ~endless() { stream_released = true; }
        };
        response res;
        stream_released = false;
        auto state = std::make_shared<endless>();
        res.stream = [state]() -> std::optional<std::string> { return std::string(64 * 1024, 'x'); };
        return res;
    });
    return routes;
}

tls_material const& certificate() {
    static tls_material const material = self_signed_localhost();
    return material;
}

server_options options(bool tls = true) {
    server_options o;
    o.host = "127.0.0.1";
    o.port = 0;
    if (tls) o.tls = certificate();
    o.io_threads = 2;
    o.workers.threads = 2;
    o.workers.queue_length = 4;
    return o;
}

// A server running on its own thread; stops and joins when destroyed.
class running_server {
public:
    running_server(server_options o, router const& routes) : server_(std::move(o), routes) {
        server_.bind();
        done_ = std::async(std::launch::async, [this] { server_.run(); });
    }
    ~running_server() {
        server_.stop();
        done_.wait();
    }
    server& get() { return server_; }
    bool stopped_within(std::chrono::seconds timeout) { return done_.wait_for(timeout) == std::future_status::ready; }

private:
    server server_;
    std::future<void> done_;
};

class server_test : public ::testing::Test {
protected:
    // Opened before the server goes, so a failed test cannot leave a handler blocked.
    ~server_test() override { gate_.open(); }

    void start(server_options o) { server_ = std::make_unique<running_server>(std::move(o), routes_); }
    unsigned short port() { return server_->get().local_port(); }
    https_client client(client_options o = {}) { return https_client("127.0.0.1", port(), std::move(o)); }

    testing::gate gate_;
    router routes_ = make_routes(gate_);
    std::unique_ptr<running_server> server_;
};

TEST_F(server_test, keeps_the_connection_alive_across_requests) {
    start(options());
    auto c = client();
    auto first = c.request("GET", "/hello");
    auto second = c.request("GET", "/hello");
    for (auto const& reply : {first, second}) {
        EXPECT_EQ(reply.status, 200);
        EXPECT_EQ(reply.body, "hello");
        EXPECT_EQ(reply.header("Server"), "scimd");
        EXPECT_EQ(reply.header("Connection"), "");
        EXPECT_EQ(reply.header("Date").size(), 29u) << reply.header("Date");  // "Sun, 06 Nov 1994 08:49:37 GMT"
        EXPECT_FALSE(reply.header("X-Request-Id").empty());
    }
    EXPECT_NE(first.header("X-Request-Id"), second.header("X-Request-Id"));
    EXPECT_EQ(c.connections_opened(), 1u);
    EXPECT_EQ(server_->get().base_url(), "https://127.0.0.1:" + std::to_string(port()));
}

TEST_F(server_test, handlers_see_the_decoded_path_and_the_raw_query) {
    start(options());
    auto c = client();
    auto reply = c.request("GET", "/echo/a%20b?filter=x%20eq%201&y", {}, {{"User-Agent", "test/1"}});
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "id=a b path=/echo/a b query=filter=x%20eq%201&y secure=1 rid=" +
                              reply.header("X-Request-Id") + " agent=test/1");
    auto posted = c.request("POST", "/echo", R"({"a":1})");
    EXPECT_EQ(posted.body, R"({"a":1})");
}

struct raw_case {
    char const* name;
    std::string bytes;
    int status;
};

TEST_F(server_test, malformed_and_oversized_requests_get_rendered_errors) {
    auto o = options();
    o.limits.max_body_bytes = 1024;
    o.limits.max_header_bytes = 4096;
    start(o);
    std::vector<raw_case> cases = {
        {"not HTTP", "NOT HTTP AT ALL\r\n\r\n", 400},
        {"header block too large", "GET /hello HTTP/1.1\r\nHost: a\r\nX-Big: " + std::string(8000, 'h') + "\r\n\r\n",
         431},
        {"content-length too large",
         "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b'), 413},
        {"chunked body too large",
         "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + std::string(2048, 'b') +
             "\r\n0\r\n\r\n",
         413},
        {"malformed escape in the path", "GET /echo/%zz HTTP/1.1\r\nHost: a\r\n\r\n", 400},
        {"unknown path", "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n", 404},
        {"HTTP/1.0", "GET /hello HTTP/1.0\r\n\r\n", 200},
        // RFC 9112 §3.2.
        {"HTTP/1.1 without Host", "GET /hello HTTP/1.1\r\n\r\n", 400},
        {"two Host fields", "GET /hello HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400},
        {"a Host that is no host[:port]", "GET /hello HTTP/1.1\r\nHost: evil.example\"/<x>\r\n\r\n", 400},
        {"HTTP/1.0 with a bad Host", "GET /hello HTTP/1.0\r\nHost: a b\r\n\r\n", 400},
    };
    auto c = client();
    for (auto const& rc : cases) {
        SCOPED_TRACE(rc.name);
        auto reply = c.raw(rc.bytes);
        EXPECT_EQ(reply.status, rc.status) << reply.body;
        EXPECT_FALSE(reply.header("X-Request-Id").empty());
        if (rc.status != 200) {
            EXPECT_EQ(reply.body.rfind("rendered: ", 0), 0u) << reply.body;
        }
    }
    EXPECT_EQ(c.request("GET", "/hello").status, 200) << "the server survives all of it";
}

TEST_F(server_test, a_body_over_the_limit_is_413_and_closes_the_connection) {
    auto o = options();
    o.limits.max_body_bytes = 1024;
    start(o);
    auto c = client();
    // Megabytes, so the client is still sending when the answer comes.
    auto reply = c.request("POST", "/echo", std::string(4 * 1024 * 1024, 'x'));
    EXPECT_EQ(reply.status, 413);
    EXPECT_EQ(reply.body, "rendered: request body exceeds 1024 bytes");
    EXPECT_EQ(reply.header("Connection"), "close");
    EXPECT_EQ(c.request("POST", "/echo", std::string(1024, 'y')).status, 200);
    EXPECT_EQ(c.connections_opened(), 2u);
}

TEST_F(server_test, oversized_headers_are_431) {
    auto o = options();
    o.limits.max_header_bytes = 8 * 1024;
    start(o);
    auto c = client();
    auto reply = c.request("GET", "/hello", {}, {{"X-Big", std::string(20 * 1024, 'h')}});
    EXPECT_EQ(reply.status, 431);
    EXPECT_EQ(reply.body.rfind("rendered: ", 0), 0u) << reply.body;
}

TEST_F(server_test, only_tls_1_2_and_newer_are_accepted) {
    start(options());
    struct version_case {
        char const* version;
        bool accepted;
    };
    for (auto [version, accepted] : {version_case{"1.1", false}, {"1.2", true}, {"1.3", true}}) {
        SCOPED_TRACE(version);
        auto c = client({.tls = true, .tls_min_version = version});
        if (accepted) {
            EXPECT_EQ(c.request("GET", "/hello").status, 200);
        } else {
            // The server's alert, not a client that cannot speak the version (RFC 8446 §6.2).
            try {
                c.request("GET", "/hello");
                ADD_FAILURE() << "TLS " << version << " was accepted";
            } catch (std::runtime_error const& e) {
                EXPECT_NE(std::string(e.what()).find("alert protocol version"), std::string::npos) << e.what();
            }
        }
    }
}

TEST_F(server_test, serves_plain_http_without_tls_material) {
    start(options(false));
    EXPECT_EQ(server_->get().base_url(), "http://127.0.0.1:" + std::to_string(port()));
    auto c = client({.tls = false});
    auto reply = c.request("GET", "/echo/x");
    EXPECT_EQ(reply.status, 200);
    EXPECT_NE(reply.body.find("secure=0"), std::string::npos) << reply.body;
}

TEST_F(server_test, answers_expect_100_continue) {
    start(options());
    auto c = client();
    auto reply = c.request("POST", "/echo", "payload", {{"Expect", "100-continue"}});
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "payload");
}

TEST_F(server_test, connection_close_from_the_client_is_honoured) {
    start(options());
    auto c = client();
    auto reply = c.request("GET", "/hello", {}, {{"Connection", "close"}});
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Connection"), "close");
    EXPECT_EQ(c.request("GET", "/hello").status, 200);
    EXPECT_EQ(c.connections_opened(), 2u);
}

TEST_F(server_test, idle_connections_are_closed_after_the_idle_timeout) {
    auto o = options();
    o.limits.idle_timeout = 1s;
    start(o);
    auto c = client();
    EXPECT_EQ(c.request("GET", "/hello").status, 200);
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(c.request("GET", "/hello").status, 200);
    EXPECT_EQ(c.connections_opened(), 2u);
}

TEST_F(server_test, a_request_that_trickles_in_is_cut_off_at_the_read_timeout) {
    auto o = options();
    o.limits.read_timeout = 1s;
    start(o);
    auto c = client();
    auto begin = std::chrono::steady_clock::now();
    EXPECT_THROW(c.raw("GET /hello HTTP/1.1\r\nHost: a\r\n"), std::runtime_error);
    auto elapsed = std::chrono::steady_clock::now() - begin;
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 5s);
}

TEST_F(server_test, a_client_that_never_starts_tls_is_dropped_at_the_handshake_timeout) {
    auto o = options();
    o.limits.handshake_timeout = 1s;
    start(o);
    auto c = client({.tls = false});
    auto begin = std::chrono::steady_clock::now();
    EXPECT_THROW(c.raw(""), std::runtime_error);
    auto elapsed = std::chrono::steady_clock::now() - begin;
    EXPECT_GE(elapsed, 900ms);
    EXPECT_LT(elapsed, 5s);
}

TEST_F(server_test, a_full_pool_answers_503_with_retry_after) {
    auto o = options();
    o.workers.threads = 1;
    o.workers.queue_length = 1;
    o.workers.retry_after_seconds = 7;
    start(o);
    auto blocked = [this] { return client().request("GET", "/block"); };
    auto running = std::async(std::launch::async, blocked);
    ASSERT_TRUE(gate_.wait_arrived(1));
    // The worker is busy: of the next two requests one is queued, the other refused at once.
    auto second = std::async(std::launch::async, blocked);
    auto third = std::async(std::launch::async, blocked);
    std::future<http_reply>* refused = nullptr;
    std::future<http_reply>* queued = nullptr;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!refused && std::chrono::steady_clock::now() < deadline) {
        if (second.wait_for(10ms) == std::future_status::ready) {
            refused = &second;
            queued = &third;
        } else if (third.wait_for(10ms) == std::future_status::ready) {
            refused = &third;
            queued = &second;
        }
    }
    gate_.open();
    ASSERT_NE(refused, nullptr);
    auto busy = refused->get();
    EXPECT_EQ(busy.status, 503);
    EXPECT_EQ(busy.header("Retry-After"), "7");
    EXPECT_EQ(busy.body.rfind("rendered: ", 0), 0u) << busy.body;
    EXPECT_EQ(queued->get().status, 200);
    EXPECT_EQ(running.get().status, 200);
}

TEST_F(server_test, stop_lets_in_flight_requests_finish_and_closes_idle_connections) {
    auto o = options();
    o.limits.shutdown_grace = 30s;
    o.limits.idle_timeout = 60s;
    start(o);
    auto idle = client();
    EXPECT_EQ(idle.request("GET", "/hello").status, 200);
    auto in_flight = std::async(std::launch::async, [this] { return client().request("GET", "/block"); });
    ASSERT_TRUE(gate_.wait_arrived(1));

    server_->get().stop();
    bool refused = false;
    for (int attempt = 0; attempt < 100 && !refused; ++attempt) {
        try {
            client().request("GET", "/hello");
            std::this_thread::sleep_for(50ms);
        } catch (std::runtime_error const&) {
            refused = true;
        }
    }
    EXPECT_TRUE(refused) << "no new connections once stopping";
    EXPECT_FALSE(server_->stopped_within(0s)) << "the in-flight request holds run()";

    gate_.open();
    auto reply = in_flight.get();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "unblocked");
    EXPECT_EQ(reply.header("Connection"), "close");
    // Well before the idle timeout and the grace period: the idle connection was closed.
    EXPECT_TRUE(server_->stopped_within(5s));
}

TEST_F(server_test, stop_gives_up_on_requests_still_running_after_the_grace_period) {
    auto o = options();
    o.limits.shutdown_grace = 1s;
    start(o);
    auto in_flight = std::async(std::launch::async, [this] { return client().request("GET", "/block"); });
    ASSERT_TRUE(gate_.wait_arrived(1));
    server_->get().stop();
    EXPECT_TRUE(server_->stopped_within(5s));
    gate_.open();
    server_.reset();
    EXPECT_THROW(in_flight.get(), std::runtime_error) << "the connection is dropped, not answered";
}

TEST_F(server_test, responses_without_content_carry_no_body) {
    routes_.add("DELETE", "/thing", [](request const&, route_params const&) {
        response res;
        res.status = 204;
        res.body = "ignored";
        return res;
    });
    start(options());
    auto c = client();
    auto reply = c.request("DELETE", "/thing");
    EXPECT_EQ(reply.status, 204);
    EXPECT_EQ(reply.body, "");
    EXPECT_EQ(c.request("GET", "/hello").status, 200) << "the connection stays usable";
    EXPECT_EQ(c.connections_opened(), 1u);
}

TEST_F(server_test, logs_one_access_line_without_query_or_credentials) {
    start(options());
    ::testing::internal::CaptureStderr();
    std::string id;
    {
        auto c = client();
        auto reply = c.request("GET", "/echo/x?secret=s3cr3t", {}, {{"Authorization", "Bearer t0ken"}});
        id = reply.header("X-Request-Id");
    }
    server_.reset();
    auto logged = ::testing::internal::GetCapturedStderr();
    // "x" is no identifier scimd issues: the log shows the placeholder (router::loggable_path).
    auto line_start = logged.find("request method=GET path=/echo/{id} status=200 ms=");
    ASSERT_NE(line_start, std::string::npos) << logged;
    auto line = logged.substr(line_start, logged.find('\n', line_start) - line_start);
    EXPECT_NE(line.find("id=" + id), std::string::npos) << line;
    EXPECT_EQ(logged.find("s3cr3t"), std::string::npos) << logged;
    EXPECT_EQ(logged.find("t0ken"), std::string::npos) << logged;
}

TEST_F(server_test, ipv6_base_urls_are_bracketed) {
    auto o = options();
    o.host = "::1";
    try {
        start(o);
    } catch (std::system_error const& e) {
        GTEST_SKIP() << "no IPv6 loopback: " << e.what();
    }
    EXPECT_EQ(server_->get().base_url(), "https://[::1]:" + std::to_string(port()));
    https_client c("::1", port());
    EXPECT_EQ(c.request("GET", "/hello").status, 200);
}

}  // namespace
}  // namespace scim::http

namespace scim::http {
namespace {

TEST_F(server_test, a_streamed_body_goes_out_in_chunks) {
    start(options());
    auto c = client();
    auto reply = c.request("GET", "/stream/3");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Transfer-Encoding"), "chunked");
    EXPECT_EQ(reply.header("Content-Length"), "");
    EXPECT_EQ(reply.body, "piece 0\npiece 1\npiece 2\n");
    EXPECT_EQ(reply.chunks, 3u);  // the empty piece is no chunk: it would end the body
    // The connection stays usable after the last chunk.
    EXPECT_EQ(c.request("GET", "/hello").body, "hello");
    EXPECT_EQ(c.connections_opened(), 1u);
}

TEST_F(server_test, an_empty_streamed_body_is_just_the_last_chunk) {
    start(options());
    auto reply = client().raw("GET /stream/0 HTTP/1.1\r\nHost: a\r\n\r\n");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "");
    EXPECT_EQ(reply.chunks, 0u);
}

TEST_F(server_test, a_streamed_body_to_an_http_1_0_client_ends_with_the_connection) {
    start(options());
    auto reply = client().raw("GET /stream/2 HTTP/1.0\r\n\r\n");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.header("Transfer-Encoding"), "");
    EXPECT_EQ(reply.body, "piece 0\npiece 1\n");
}

TEST_F(server_test, a_failing_producer_cuts_the_body_short) {
    start(options());
    auto c = client();
    // No last chunk: the client cannot take the body for complete.
    EXPECT_THROW(c.request("GET", "/stream-fails"), std::runtime_error);
    EXPECT_EQ(c.request("GET", "/hello").body, "hello");
}

TEST_F(server_test, a_long_stream_is_not_cut_by_the_read_deadline) {
    auto o = options();
    o.limits.read_timeout = 1s;
    o.limits.write_timeout = 1s;
    start(o);
    auto reply = client().request("GET", "/stream-slow");
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "slow 0\nslow 1\nslow 2\nslow 3\n");
    EXPECT_EQ(reply.chunks, 4u);
}

TEST_F(server_test, a_client_that_stops_reading_a_stream_is_dropped_at_the_write_timeout) {
    auto o = options(false);
    o.limits.write_timeout = 1s;
    start(o);
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(port());
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to), 0);
    std::string const req = "GET /stream-endless HTTP/1.1\r\nHost: a\r\n\r\n";
    ASSERT_EQ(::send(fd, req.data(), req.size(), 0), static_cast<ssize_t>(req.size()));
    // The client reads nothing: once the socket buffers are full a chunk cannot be written
    // within the write timeout, the connection goes and the producer with it.
    auto const deadline = std::chrono::steady_clock::now() + 10s;
    while (!stream_released && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(50ms);
    EXPECT_TRUE(stream_released);
    ::close(fd);
}

}  // namespace
}  // namespace scim::http
