#pragma once
// The live connections of a server: how many there are in all and per client address (for
// max_connections and max_connections_per_address), which of them wait idle, and a way to
// close the idle ones — to make room for a newcomer, or at shutdown while requests in flight
// run to completion.
//
// Fairness: a connection that would exceed a limit takes the place of the connection that
// has waited idle longest among those the limit counts (all of them, or the client's own),
// so that idle connections — TLS handshakes never finished, requests never sent, keep-alive
// connections between requests — cannot lock other clients out. Only when every such
// connection is busy with a request is the newcomer closed.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/address.hpp>

namespace scim::http {

// Shared by a session and the registry. `close` is touched only on the connection's strand,
// which is what makes "close it if it is idle" race-free; the atomics are written on the
// strand and read by the registry when it looks for a connection to close.
struct connection_state {
    connection_state(boost::asio::any_io_executor s, std::string client_key);
    boost::asio::any_io_executor const strand;
    std::string const client;  // client_key_of the peer's address

    // A request is being read, handled or answered (false: waiting for the TLS handshake, the
    // first request or the next one).
    bool busy() const noexcept { return busy_.load(); }
    void set_busy(bool busy) noexcept;
    std::chrono::steady_clock::time_point idle_since() const noexcept;
    // Closed to make room for a newcomer: the session ends after the response under way, if any.
    bool evicted() const noexcept { return evicted_.load(); }

    std::function<void()> close;  // set by the session while its stream exists

private:
    friend class connection_registry;
    std::atomic<bool> busy_{false};
    std::atomic<std::chrono::steady_clock::rep> idle_since_;
    std::atomic<bool> evicted_{false};
};

// What the per-address limit counts as one client: an IPv4 address (also when it arrives
// IPv4-mapped on an IPv6 socket), or an IPv6 /64 prefix, the smallest block a site is given
// (RFC 6177), so that one host cannot pose as 2^64 clients.
std::string client_key_of(boost::asio::ip::address const& address);

class connection_registry {
public:
    // per_address_limit is capped at limit.
    connection_registry(std::size_t limit, std::size_t per_address_limit);

    // A new connection from `client` (client_key_of), when it fits under both limits or an
    // idle connection makes room for it (closed on its strand); nullptr when neither.
    std::shared_ptr<connection_state> open(boost::asio::any_io_executor strand, std::string client);
    void closed(std::shared_ptr<connection_state> const& c);

    // Closes every connection that is not busy, now; busy ones close after their response.
    void close_idle();
    // Connections open now, those closing to make room included (for metrics).
    std::size_t open_count();
    // Runs `callback` once no connection remains (at once when none does).
    void when_empty(std::function<void()> callback);

private:
    // Under mutex_: the connection idle longest, of `client` or of anyone (null), not yet evicted.
    std::shared_ptr<connection_state> longest_idle(std::string const* client) const;
    // Under mutex_: no longer counted against either limit; closed now if idle, after its response if not.
    void evict(std::shared_ptr<connection_state> const& c);

    std::mutex mutex_;
    std::size_t limit_;
    std::size_t per_address_limit_;
    std::set<std::shared_ptr<connection_state>> live_;
    std::size_t evicted_ = 0;                        // of live_, closing to make room
    std::map<std::string, std::size_t> per_client_;  // live, not evicted connections per client
    std::function<void()> on_empty_;
};

}  // namespace scim::http
