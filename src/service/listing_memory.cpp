#include "scim/service/listing_memory.hpp"

#include <algorithm>

namespace scim::service {

template <typename Value>
std::optional<Value> listing_memory::recent<Value>::find(std::string const& key) {
    auto const found = entries_.find(key);
    if (found == entries_.end()) return std::nullopt;
    uses_.splice(uses_.begin(), uses_, found->second.use);
    return found->second.value;
}

template <typename Value>
void listing_memory::recent<Value>::put(std::string key, Value const& value) {
    if (auto const found = entries_.find(key); found != entries_.end()) {
        found->second.value = value;
        uses_.splice(uses_.begin(), uses_, found->second.use);
        return;
    }
    if (entries_.size() >= capacity_) {
        entries_.erase(uses_.back());
        uses_.pop_back();
    }
    uses_.push_front(key);
    entries_.emplace(std::move(key), entry{value, uses_.begin()});
}

listing_memory::listing_memory(std::size_t capacity)
    : ends_(std::max<std::size_t>(capacity, 1)), totals_(std::max<std::size_t>(capacity, 1)) {}

std::optional<store::index_resume> listing_memory::find_end(std::string const& fingerprint, std::int64_t offset) {
    std::lock_guard lock(mutex_);
    return ends_.find(fingerprint + "\n" + std::to_string(offset));
}

void listing_memory::remember_end(std::string const& fingerprint, store::index_resume const& end) {
    std::lock_guard lock(mutex_);
    ends_.put(fingerprint + "\n" + std::to_string(end.offset), end);
}

std::optional<store::known_total> listing_memory::find_total(std::string const& fingerprint) {
    std::lock_guard lock(mutex_);
    return totals_.find(fingerprint);
}

void listing_memory::remember_total(std::string const& fingerprint, store::known_total const& total) {
    std::lock_guard lock(mutex_);
    totals_.put(fingerprint, total);
}

void listing_memory::remember_page(std::string const& fingerprint, bool filtered, std::optional<std::int64_t> stamp,
                                   std::int64_t total, std::int64_t next_offset,
                                   std::optional<store::keyset_boundary> const& next_after) {
    if (!stamp) return;
    if (filtered) {
        remember_total(fingerprint, store::known_total{*stamp, total});
    } else if (next_after) {
        remember_end(fingerprint, store::index_resume{next_offset, *stamp, *next_after});
    }
}

}  // namespace scim::service
