#pragma once
// The HTTP/1.1 (+TLS) listener. Connections are served on a few I/O threads; each request
// is handed to a bounded worker pool (handlers block on the database) and the response is
// written back from the I/O thread. When the pool's queue is full the answer is 503 with
// Retry-After instead of an unbounded backlog.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "scim/core/config.hpp"
#include "scim/http/router.hpp"
#include "scim/http/tls.hpp"

namespace scim::http {

struct server_options {
    std::string host = "127.0.0.1";
    unsigned short port = 8443;       // 0: any free port; see server::local_port()
    std::optional<tls_material> tls;  // absent: plain HTTP
    std::size_t io_threads = 2;
    core::http_limits limits;
    core::worker_limits workers;
    // Called once when shutdown is asked for (SIGTERM, SIGINT, stop()), before the delay: the
    // moment to answer /readyz with 503.
    std::function<void()> on_shutdown_requested;
};

class server {
public:
    server(server_options options, router const& routes);
    ~server();
    server(server const&) = delete;
    server& operator=(server const&) = delete;

    // Binds the listening socket (throws std::system_error when it cannot).
    void bind();
    unsigned short local_port() const;
    // Base URL clients use, e.g. "https://127.0.0.1:8443".
    std::string base_url() const;

    // Serves until SIGTERM/SIGINT or stop(). On SIGTERM it keeps serving for
    // limits.shutdown_delay first (responses then close their connections; a second signal
    // ends the delay); SIGINT and stop() skip the delay. Then it stops accepting, closes idle
    // connections, lets in-flight requests finish (up to limits.shutdown_grace) and returns.
    void run();
    void stop();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace scim::http
