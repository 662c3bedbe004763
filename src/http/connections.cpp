#include "connections.hpp"

#include <algorithm>
#include <vector>

#include <boost/asio/ip/address_v4.hpp>
#include <boost/asio/ip/address_v6.hpp>
#include <boost/asio/post.hpp>

namespace scim::http {
namespace {

using steady = std::chrono::steady_clock;

}  // namespace

connection_state::connection_state(boost::asio::any_io_executor s, std::string client_key)
    : strand(std::move(s)), client(std::move(client_key)), idle_since_(steady::now().time_since_epoch().count()) {}

void connection_state::set_busy(bool busy) noexcept {
    // Idle since the accept until the first request, then since the end of the last one.
    if (!busy && busy_) idle_since_ = steady::now().time_since_epoch().count();
    busy_ = busy;
}

steady::time_point connection_state::idle_since() const noexcept {
    return steady::time_point(steady::duration(idle_since_.load()));
}

std::string client_key_of(boost::asio::ip::address const& address) {
    namespace ip = boost::asio::ip;
    if (!address.is_v6()) return address.to_string();
    auto const v6 = address.to_v6();
    if (v6.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, v6).to_string();
    auto bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return ip::address_v6(bytes).to_string() + "/64";
}

connection_registry::connection_registry(std::size_t limit, std::size_t per_address_limit)
    : limit_(limit), per_address_limit_(std::min(per_address_limit, limit)) {}

std::shared_ptr<connection_state> connection_registry::open(boost::asio::any_io_executor strand, std::string client) {
    std::lock_guard lock(mutex_);
    auto const own = per_client_.find(client);
    std::size_t const own_count = own == per_client_.end() ? 0 : own->second;
    // The client's own limit first: a client at its limit gives up its own idle connection,
    // nobody else's; that also makes room under the overall limit.
    std::shared_ptr<connection_state> victim;
    if (own_count >= per_address_limit_) {
        victim = longest_idle(&client);
        if (!victim) return nullptr;
    } else if (live_.size() - evicted_ >= limit_) {
        victim = longest_idle(nullptr);
        if (!victim) return nullptr;
    }
    if (victim) evict(victim);
    auto c = std::make_shared<connection_state>(std::move(strand), std::move(client));
    live_.insert(c);
    ++per_client_[c->client];
    return c;
}

std::shared_ptr<connection_state> connection_registry::longest_idle(std::string const* client) const {
    std::shared_ptr<connection_state> found;
    for (auto const& c : live_) {
        if (c->busy() || c->evicted() || (client && c->client != *client)) continue;
        if (!found || c->idle_since() < found->idle_since()) found = c;
    }
    return found;
}

void connection_registry::evict(std::shared_ptr<connection_state> const& c) {
    c->evicted_ = true;
    ++evicted_;
    if (auto it = per_client_.find(c->client); it != per_client_.end() && --it->second == 0) per_client_.erase(it);
    // Idle when chosen, but a request may have begun since: then the session sees `evicted`
    // after answering it, and closes.
    boost::asio::post(c->strand, [c] {
        if (!c->busy() && c->close) c->close();
    });
}

void connection_registry::closed(std::shared_ptr<connection_state> const& c) {
    std::function<void()> callback;
    {
        std::lock_guard lock(mutex_);
        if (live_.erase(c) == 0) return;
        if (c->evicted()) {
            --evicted_;
        } else if (auto it = per_client_.find(c->client); it != per_client_.end() && --it->second == 0) {
            per_client_.erase(it);
        }
        if (live_.empty()) callback = std::exchange(on_empty_, nullptr);
    }
    if (callback) callback();
}

void connection_registry::close_idle() {
    std::vector<std::shared_ptr<connection_state>> snapshot;
    {
        std::lock_guard lock(mutex_);
        snapshot.assign(live_.begin(), live_.end());
    }
    for (auto& c : snapshot) {
        boost::asio::post(c->strand, [c] {
            if (!c->busy() && c->close) c->close();
        });
    }
}

void connection_registry::when_empty(std::function<void()> callback) {
    {
        std::lock_guard lock(mutex_);
        if (!live_.empty()) {
            on_empty_ = std::move(callback);
            return;
        }
    }
    callback();
}

std::size_t connection_registry::open_count() {
    std::lock_guard lock(mutex_);
    return live_.size();
}

}  // namespace scim::http
