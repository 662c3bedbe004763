#include "scim/http/server.hpp"

#include <atomic>
#include <csignal>
#include <exception>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <openssl/ssl.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "connections.hpp"
#include "descriptor_limit.hpp"
#include "scim/core/log.hpp"
#include "scim/core/server_metrics.hpp"
#include "session.hpp"
#include "worker_pool.hpp"

namespace scim::http {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

// TLS 1.2 or newer only (RFC 8996 retires 1.0 and 1.1), without compression (CRIME,
// RFC 9325 §3.3) or renegotiation (RFC 9325 §3.5); for TLS 1.2 only AEAD suites with
// forward secrecy (RFC 9325 §4.2). TLS 1.3 suites are all of that already.
asio::ssl::context make_tls_context(tls_material const& material) {
    asio::ssl::context ctx(asio::ssl::context::tls_server);
    SSL_CTX* native = ctx.native_handle();
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(native, "ECDHE+AESGCM:ECDHE+CHACHA20") != 1) {
        throw std::runtime_error("cannot configure the TLS context");
    }
    SSL_CTX_set_options(native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    ctx.use_certificate_chain(asio::buffer(material.certificate_chain_pem));
    ctx.use_private_key(asio::buffer(material.private_key_pem), asio::ssl::context::pem);
    if (SSL_CTX_check_private_key(native) != 1) {
        throw std::runtime_error("the TLS private key does not match the certificate");
    }
    return ctx;
}

void log_failure(std::exception_ptr failure) {
    if (!failure) return;
    try {
        std::rethrow_exception(failure);
    } catch (std::exception const& e) {
        core::log::error("server task failed", {{"error", e.what()}});
    } catch (...) {
        core::log::error("server task failed");
    }
}

// Descriptors the process holds besides its client connections: one per database connection
// (one per worker), and a margin for the listening socket, the standard streams, the event
// loop's own, and files and name lookups opened while serving.
std::size_t descriptors_besides_connections(server_options const& o) { return o.workers.threads + 64; }

}  // namespace

struct server::impl {
    impl(server_options o, router const& routes)
        : options(std::move(o)),
          connections(connections_within_descriptor_limit(options.limits.max_connections,
                                                          descriptors_besides_connections(options)),
                      options.limits.max_connections_per_address),
          workers(options.workers.threads, options.workers.queue_length), env{routes,          workers,
                                                                              connections,     options.limits,
                                                                              options.workers, stopping,
                                                                              draining} {
        if (options.tls) tls.emplace(make_tls_context(*options.tls));
    }

    asio::awaitable<void> accept_loop();
    void request_shutdown(bool with_delay);
    void begin_shutdown();
    void wait_for_signal();

    server_options options;
    std::optional<asio::ssl::context> tls;  // before ioc: streams that use it die with ioc
    asio::io_context ioc;
    // Acceptor, signals and the grace timer are driven from this one strand.
    asio::strand<asio::io_context::executor_type> control{ioc.get_executor()};
    tcp::acceptor acceptor{control};
    asio::signal_set signals{control};
    asio::steady_timer grace{control};
    asio::steady_timer delay{control};
    std::atomic<bool> draining{false};  // shutdown asked for: responses close their connections
    std::atomic<bool> stopping{false};
    connection_registry connections;
    worker_pool workers;  // after ioc: its threads are joined before ioc goes away
    session_env env;
    // docs/metrics.md: connections and the worker pool as a scrape finds them.
    core::metrics::scrape_hook load_gauges{[this] {
        core::metrics::http_connections_open().set({}, static_cast<double>(connections.open_count()));
        auto const load = workers.current_load();
        core::metrics::worker_queue_depth().set({}, static_cast<double>(load.queued));
        core::metrics::workers_busy().set({}, static_cast<double>(load.busy));
    }};
};

asio::awaitable<void> server::impl::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor.async_accept(asio::any_io_executor(asio::make_strand(ioc)), nothrow);
        if (stopping) co_return;
        if (ec) {
            // E.g. out of file descriptors: pause instead of spinning until some are freed.
            core::log::warn("accept failed", {{"error", ec.message()}});
            asio::steady_timer pause(control, std::chrono::milliseconds(100));
            co_await pause.async_wait(nothrow);
            continue;
        }
        // Responses go out in one write each; waiting for ACKs (Nagle) would only add latency.
        socket.set_option(tcp::no_delay(true), ec);
        auto const peer = socket.remote_endpoint(ec);
        if (ec) continue;  // gone already
        auto state = connections.open(socket.get_executor(), client_key_of(peer.address()));
        if (!state) {
            core::log::warn("connection limit reached and no connection idle, closing a new connection");
            continue;  // the socket closes as it goes out of scope
        }
        auto strand = socket.get_executor();
        asio::co_spawn(strand, serve_connection(env, tls ? &*tls : nullptr, std::move(socket), std::move(state)),
                       log_failure);
    }
}

// On the control strand. The delay leaves a load balancer time to see /readyz fail and stop
// sending new requests here, which are still served meanwhile.
void server::impl::request_shutdown(bool with_delay) {
    if (draining.exchange(true)) {
        begin_shutdown();  // asked again: no more waiting
        return;
    }
    if (options.on_shutdown_requested) options.on_shutdown_requested();
    if (!with_delay || options.limits.shutdown_delay.count() == 0) {
        begin_shutdown();
        return;
    }
    core::log::info("shutdown requested", {{"delay_seconds", std::to_string(options.limits.shutdown_delay.count())}});
    delay.expires_after(options.limits.shutdown_delay);
    delay.async_wait([this](boost::system::error_code ec) {
        if (!ec) begin_shutdown();
    });
    wait_for_signal();
}

void server::impl::wait_for_signal() {
    signals.async_wait([this](boost::system::error_code ec, int signal) {
        if (ec) return;
        core::log::info("signal received", {{"signal", signal == SIGTERM ? "SIGTERM" : "SIGINT"}});
        request_shutdown(signal == SIGTERM);
    });
}

// On the control strand. Idle connections close now, busy ones after their response;
// whatever is still open when the grace period ends is dropped.
void server::impl::begin_shutdown() {
    if (stopping.exchange(true)) return;
    core::log::info("shutting down", {{"grace_seconds", std::to_string(options.limits.shutdown_grace.count())}});
    boost::system::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    delay.cancel();
    grace.expires_after(options.limits.shutdown_grace);
    grace.async_wait([this](boost::system::error_code ec) {
        if (ec) return;  // cancelled: every connection finished in time
        core::log::warn("shutdown grace period over, dropping open connections");
        ioc.stop();
    });
    connections.close_idle();
    connections.when_empty([this] { asio::post(control, [this] { grace.cancel(); }); });
}

server::server(server_options options, router const& routes)
    : impl_(std::make_unique<impl>(std::move(options), routes)) {}

server::~server() = default;

void server::bind() {
    auto& s = *impl_;
    if (s.acceptor.is_open()) return;
    tcp::resolver resolver(s.ioc);
    auto endpoints = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service);
    tcp::endpoint endpoint = *endpoints.begin();
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(tcp::acceptor::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(asio::socket_base::max_listen_connections);
}

unsigned short server::local_port() const { return impl_->acceptor.local_endpoint().port(); }

std::string server::base_url() const {
    auto const& host = impl_->options.host;
    bool ipv6 = host.find(':') != std::string::npos;  // RFC 3986 §3.2.2: IPv6 literals in brackets
    return std::string(impl_->options.tls ? "https://" : "http://") + (ipv6 ? "[" + host + "]" : host) + ":" +
           std::to_string(local_port());
}

void server::run() {
    auto& s = *impl_;
    bind();
    s.signals.add(SIGINT);
    s.signals.add(SIGTERM);
    s.wait_for_signal();
    asio::co_spawn(s.control, s.accept_loop(), log_failure);
    {
        std::vector<std::jthread> extra;
        for (std::size_t i = 1; i < s.options.io_threads; ++i) extra.emplace_back([&s] { s.ioc.run(); });
        s.ioc.run();
    }
    // Back to the default disposition: a signal after run() ends the process as usual.
    boost::system::error_code ignored;
    s.signals.clear(ignored);
}

void server::stop() {
    asio::post(impl_->control, [s = impl_.get()] { s->request_shutdown(false); });
}

}  // namespace scim::http
