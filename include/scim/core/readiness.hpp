#pragma once
// Whether this process wants new requests: withdrawn once shutdown is asked for (SIGTERM), so
// that GET /readyz answers 503 and load balancers stop sending here, while requests are still
// served for --shutdown-delay-seconds (docs/command-line.md "Shutdown").

#include <atomic>

namespace scim::core {

class readiness {
public:
    void withdraw() noexcept { withdrawn_ = true; }
    bool withdrawn() const noexcept { return withdrawn_; }

private:
    std::atomic<bool> withdrawn_{false};
};

}  // namespace scim::core
