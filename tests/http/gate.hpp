#pragma once
// A gate for tests that need work to be in progress: jobs pass() it, blocking until the
// test opens it, and the test can wait until a number of them have arrived.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

namespace scim::http::testing {

class gate {
public:
    void pass() {
        std::unique_lock lock(mutex_);
        ++arrived_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
    }

    bool wait_arrived(std::size_t n, std::chrono::seconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, timeout, [&] { return arrived_ >= n; });
    }

    void open() {
        std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::size_t arrived_ = 0;
    bool open_ = false;
};

}  // namespace scim::http::testing
