#pragma once
// One client connection: TLS handshake, then HTTP/1.1 requests read under the configured
// limits, each handled on the worker pool and answered on the connection's own strand.

#include <atomic>
#include <memory>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "connections.hpp"
#include "scim/core/config.hpp"
#include "scim/http/router.hpp"
#include "worker_pool.hpp"

namespace boost::asio::ssl {
class context;
}

namespace scim::http {

// What every session of one server shares; it outlives them all.
struct session_env {
    router const& routes;
    worker_pool& workers;
    connection_registry& connections;
    core::http_limits const& limits;
    core::worker_limits const& worker_limits;
    std::atomic<bool> const& stopping;  // shutdown began: answer in-flight requests, then close
    std::atomic<bool> const& draining;  // shutdown asked for: still serving, responses close connections
};

// Serves `socket` until the connection ends, then reports it closed to env.connections.
// Runs on the socket's executor, a strand; `tls` is null for plain HTTP.
boost::asio::awaitable<void> serve_connection(session_env const& env, boost::asio::ssl::context* tls,
                                              boost::asio::ip::tcp::socket socket,
                                              std::shared_ptr<connection_state> state);

}  // namespace scim::http
