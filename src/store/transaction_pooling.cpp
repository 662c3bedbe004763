#include "scim/store/transaction_pooling.hpp"

#include <atomic>

namespace scim::store {
namespace {

std::atomic<bool> pooling{false};

}  // namespace

void set_transaction_pooling(bool on) noexcept { pooling = on; }

bool transaction_pooling() noexcept { return pooling; }

}  // namespace scim::store
