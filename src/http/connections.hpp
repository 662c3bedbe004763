#pragma once
// The live connections of a server: how many there are (for max_connections) and a way to
// close the idle ones at shutdown while requests in flight run to completion.

#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <set>

#include <boost/asio/any_io_executor.hpp>

namespace scim::http {

// Shared by a session and the registry. Apart from `strand`, members are only touched on
// the connection's strand, which is what makes "close it if it is idle" race-free.
struct connection_state {
    explicit connection_state(boost::asio::any_io_executor s) : strand(std::move(s)) {}
    boost::asio::any_io_executor strand;
    bool busy = false;            // a request is being read, handled or answered
    std::function<void()> close;  // set by the session while its stream exists
};

class connection_registry {
public:
    explicit connection_registry(std::size_t limit) : limit_(limit) {}

    // A new connection, or nullptr when `limit` are already open.
    std::shared_ptr<connection_state> open(boost::asio::any_io_executor strand);
    void closed(std::shared_ptr<connection_state> const& c);

    // Closes every connection that is not busy, now; busy ones close after their response.
    void close_idle();
    // Runs `callback` once no connection remains (at once when none does).
    void when_empty(std::function<void()> callback);

private:
    std::mutex mutex_;
    std::size_t limit_;
    std::set<std::shared_ptr<connection_state>> live_;
    std::function<void()> on_empty_;
};

}  // namespace scim::http
