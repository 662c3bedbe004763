#pragma once
// A fixed set of threads that run request handlers, fed by a bounded queue. Handlers block
// (database calls), so they never run on the I/O threads; when every worker is busy and the
// queue is full, try_submit refuses instead of letting a backlog grow without bound.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace scim::http {

class worker_pool {
public:
    using job = std::function<void()>;

    // queue_length: jobs that may wait while all threads are busy.
    worker_pool(std::size_t threads, std::size_t queue_length);
    // Runs the jobs still queued, then joins the threads.
    ~worker_pool();
    worker_pool(worker_pool const&) = delete;
    worker_pool& operator=(worker_pool const&) = delete;

    // False, with the job dropped, when the pool cannot take it now.
    bool try_submit(job j);

    // For work that continues a response already under way (the next piece of a streamed
    // body): queued even when the queue is full, since refusing it would cut the response.
    // Each connection has at most one such job, so the connection limit bounds them. False,
    // with the job dropped, only once the pool is stopping.
    bool submit(job j);

    // Jobs waiting for a worker, and workers running one, now (for metrics).
    struct load {
        std::size_t queued = 0;
        std::size_t busy = 0;
    };
    load current_load();

private:
    void work();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<job> queue_;
    std::size_t queue_length_;
    std::size_t idle_;  // workers not running a job: each can take one queued job at once
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace scim::http
