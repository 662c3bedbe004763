// A periodic task runs its work every interval, survives a failing run, and stops at once when
// destroyed.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "scim/core/periodic_task.hpp"

namespace scim::core {
namespace {

TEST(periodic_task, runs_every_interval_survives_failures_and_stops_promptly) {
    std::atomic<int> runs{0};
    auto const started = std::chrono::steady_clock::now();
    {
        periodic_task task("test", std::chrono::seconds(1), [&] {
            if (++runs == 1) throw std::runtime_error("the first run fails");
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    }
    auto const lasted = std::chrono::steady_clock::now() - started;
    EXPECT_GE(runs.load(), 2);
    EXPECT_LT(lasted, std::chrono::milliseconds(3500));
}

}  // namespace
}  // namespace scim::core
