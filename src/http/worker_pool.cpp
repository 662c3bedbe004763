#include "worker_pool.hpp"

#include <exception>

#include "scim/core/log.hpp"

namespace scim::http {

worker_pool::worker_pool(std::size_t threads, std::size_t queue_length) : queue_length_(queue_length), idle_(threads) {
    threads_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

worker_pool::~worker_pool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
}

bool worker_pool::try_submit(job j) {
    {
        std::lock_guard lock(mutex_);
        // Jobs an idle worker will pick up do not count against the queue: the capacity is
        // exactly threads + queue_length, whichever way the race with the workers goes.
        if (stopping_ || queue_.size() >= queue_length_ + idle_) return false;
        queue_.push_back(std::move(j));
    }
    ready_.notify_one();
    return true;
}

bool worker_pool::submit(job j) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return false;
        queue_.push_back(std::move(j));
    }
    ready_.notify_one();
    return true;
}

worker_pool::load worker_pool::current_load() {
    std::lock_guard lock(mutex_);
    return {queue_.size(), threads_.size() - idle_};
}

void worker_pool::work() {
    for (;;) {
        job next;
        {
            std::unique_lock lock(mutex_);
            ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;
            next = std::move(queue_.front());
            queue_.pop_front();
            --idle_;
        }
        // A job that throws must not take its worker (and the process) down with it.
        try {
            next();
        } catch (std::exception const& e) {
            core::log::error("worker job failed", {{"error", e.what()}});
        } catch (...) {
            core::log::error("worker job failed");
        }
        std::lock_guard lock(mutex_);
        ++idle_;
    }
}

}  // namespace scim::http
