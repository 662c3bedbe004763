#pragma once
// A function run every `interval` on a thread of its own until the task is destroyed (which
// waits for a run in progress). Failures are logged, never thrown: housekeeping must not stop
// the server.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace scim::core {

class periodic_task {
public:
    periodic_task(std::string name, std::chrono::seconds interval, std::function<void()> work);
    ~periodic_task();
    periodic_task(periodic_task const&) = delete;
    periodic_task& operator=(periodic_task const&) = delete;

private:
    void loop();

    std::string name_;
    std::chrono::seconds interval_;
    std::function<void()> work_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace scim::core
