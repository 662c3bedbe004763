#include "scim/core/periodic_task.hpp"

#include <exception>

#include "scim/core/error.hpp"
#include "scim/core/log.hpp"

namespace scim::core {

periodic_task::periodic_task(std::string name, std::chrono::seconds interval, std::function<void()> work)
    : name_(std::move(name)), interval_(interval), work_(std::move(work)), thread_([this] { loop(); }) {}

periodic_task::~periodic_task() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void periodic_task::loop() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        try {
            work_();
        } catch (core::error const& e) {
            log::error("periodic task failed", {{"task", name_}, {"detail", e.detail()}});
        } catch (std::exception const& e) {
            log::error("periodic task failed", {{"task", name_}, {"detail", e.what()}});
        }
        lock.lock();
    }
}

}  // namespace scim::core
