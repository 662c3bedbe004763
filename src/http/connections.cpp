#include "connections.hpp"

#include <vector>

#include <boost/asio/post.hpp>

namespace scim::http {

std::shared_ptr<connection_state> connection_registry::open(boost::asio::any_io_executor strand) {
    std::lock_guard lock(mutex_);
    if (live_.size() >= limit_) return nullptr;
    auto c = std::make_shared<connection_state>(std::move(strand));
    live_.insert(c);
    return c;
}

void connection_registry::closed(std::shared_ptr<connection_state> const& c) {
    std::function<void()> callback;
    {
        std::lock_guard lock(mutex_);
        live_.erase(c);
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
            if (!c->busy && c->close) c->close();
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

}  // namespace scim::http
