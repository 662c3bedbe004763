#include "scim/service/listing_memory.hpp"

#include <algorithm>

namespace scim::service {
namespace {

std::string key_of(std::string const& fingerprint, std::int64_t offset) {
    return fingerprint + "\n" + std::to_string(offset);
}

}  // namespace

listing_memory::listing_memory(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

std::optional<store::index_resume> listing_memory::find(std::string const& fingerprint, std::int64_t offset) {
    std::lock_guard lock(mutex_);
    auto const found = entries_.find(key_of(fingerprint, offset));
    if (found == entries_.end()) return std::nullopt;
    uses_.splice(uses_.begin(), uses_, found->second.use);
    return found->second.end;
}

void listing_memory::remember(std::string const& fingerprint, store::index_resume const& end) {
    auto key = key_of(fingerprint, end.offset);
    std::lock_guard lock(mutex_);
    if (auto const found = entries_.find(key); found != entries_.end()) {
        found->second.end = end;
        uses_.splice(uses_.begin(), uses_, found->second.use);
        return;
    }
    if (entries_.size() >= capacity_) {
        entries_.erase(uses_.back());
        uses_.pop_back();
    }
    uses_.push_front(key);
    entries_.emplace(std::move(key), entry{end, uses_.begin()});
}

}  // namespace scim::service
