#include "scim/service/token_cache.hpp"

#include <algorithm>

namespace scim::service {

token_cache::token_cache(std::chrono::milliseconds lifetime, std::size_t capacity)
    : lifetime_(lifetime), capacity_(std::max<std::size_t>(capacity, 1)) {}

std::optional<store::token_row> token_cache::find(std::string const& token_id) const {
    if (lifetime_.count() <= 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    auto const found = entries_.find(token_id);
    if (found == entries_.end() || std::chrono::steady_clock::now() - found->second.read_at >= lifetime_)
        return std::nullopt;
    return found->second.row;
}

void token_cache::remember(store::token_row const& row) {
    if (lifetime_.count() <= 0) return;
    auto const now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    if (entries_.size() >= capacity_ && !entries_.contains(row.id)) {
        // Expired entries go first; then the oldest (a linear pass: only when full).
        std::erase_if(entries_, [&](auto const& e) { return now - e.second.read_at >= lifetime_; });
        if (entries_.size() >= capacity_) {
            auto oldest = std::min_element(entries_.begin(), entries_.end(), [](auto const& a, auto const& b) {
                return a.second.read_at < b.second.read_at;
            });
            entries_.erase(oldest);
        }
    }
    entries_.insert_or_assign(row.id, entry{row, now});
}

void token_cache::forget_token(std::string const& token_id) {
    std::lock_guard lock(mutex_);
    entries_.erase(token_id);
}

void token_cache::forget_directory(std::string const& directory_id) {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](auto const& e) { return e.second.row.directory_id == directory_id; });
}

}  // namespace scim::service
