#include <atomic>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "gate.hpp"
#include "worker_pool.hpp"

namespace scim::http {
namespace {

struct capacity_case {
    std::size_t threads;
    std::size_t queue_length;
};

class worker_pool_capacity : public ::testing::TestWithParam<capacity_case> {};

// While every job blocks, the pool takes exactly threads + queue_length of them.
TEST_P(worker_pool_capacity, refuses_once_workers_and_queue_are_full) {
    auto [threads, queue_length] = GetParam();
    testing::gate gate;
    std::atomic<int> ran{0};
    std::size_t accepted = 0;
    {
        worker_pool pool(threads, queue_length);
        for (std::size_t i = 0; i < threads + queue_length + 3; ++i) {
            if (pool.try_submit([&] {
                    gate.pass();
                    ++ran;
                })) {
                ++accepted;
            }
        }
        EXPECT_EQ(accepted, threads + queue_length);
        EXPECT_TRUE(gate.wait_arrived(threads));
        gate.open();
    }
    EXPECT_EQ(ran.load(), static_cast<int>(accepted)) << "every accepted job runs before the pool is gone";
}

INSTANTIATE_TEST_SUITE_P(table, worker_pool_capacity,
                         ::testing::Values(capacity_case{1, 0}, capacity_case{1, 1}, capacity_case{2, 3},
                                           capacity_case{4, 16}));

TEST(worker_pool, takes_work_again_once_a_worker_is_free) {
    worker_pool pool(1, 0);
    std::atomic<int> ran{0};
    for (int i = 0; i < 50; ++i) {
        while (!pool.try_submit([&] { ++ran; })) std::this_thread::yield();
    }
    while (ran.load() < 50) std::this_thread::yield();
    EXPECT_EQ(ran.load(), 50);
}

TEST(worker_pool, a_throwing_job_does_not_stop_its_worker) {
    std::atomic<int> ran{0};
    {
        worker_pool pool(1, 4);
        ASSERT_TRUE(pool.try_submit([] { throw std::runtime_error("job failed"); }));
        ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
    }
    EXPECT_EQ(ran.load(), 1);
}

}  // namespace
}  // namespace scim::http
