#include "scim/service/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "scim/core/server_metrics.hpp"

namespace scim::service {

token_bucket::token_bucket(rate_limit limit, time_point now)
    : limit_(limit), tokens_(static_cast<double>(limit.burst)), updated_(now) {}

void token_bucket::refill(time_point now) {
    if (now <= updated_) return;
    std::chrono::duration<double> const elapsed = now - updated_;
    tokens_ = std::min(static_cast<double>(limit_.burst), tokens_ + elapsed.count() * limit_.per_second);
    updated_ = now;
}

std::optional<int> token_bucket::take(time_point now) {
    refill(now);
    if (tokens_ >= 1) {
        tokens_ -= 1;
        return std::nullopt;
    }
    // The time until the bucket holds one whole token. The tiny margin keeps a wait that is a
    // whole number of seconds in floating point (2.0000000001) from becoming one more second.
    double const wait = (1 - tokens_) / limit_.per_second;
    // At most 100 s: the slowest rate is 0.01 a second (core::rate_limit_settings).
    return std::max(1, static_cast<int>(std::ceil(wait - 1e-9)));
}

bool token_bucket::full_at(time_point now) const {
    std::chrono::duration<double> const elapsed = now > updated_ ? now - updated_ : time_point::duration::zero();
    return tokens_ + elapsed.count() * limit_.per_second >= static_cast<double>(limit_.burst);
}

rate_limiter::rate_limiter(std::size_t capacity, clock now)
    : capacity_(std::max<std::size_t>(capacity, 1)), now_(std::move(now)) {}

void rate_limiter::make_room(std::chrono::steady_clock::time_point now) {
    // A full bucket is what a new one would be: forgetting it changes no answer.
    std::erase_if(buckets_, [&](auto const& e) { return e.second.bucket.full_at(now); });
    if (buckets_.size() < capacity_) return;
    auto oldest = std::min_element(buckets_.begin(), buckets_.end(),
                                   [](auto const& a, auto const& b) { return a.second.used < b.second.used; });
    buckets_.erase(oldest);
}

std::optional<int> rate_limiter::take(std::string const& directory_id, rate_limit const& limit,
                                      refused_request const& request) {
    auto const now = now_();
    std::lock_guard lock(mutex_);
    auto found = buckets_.find(directory_id);
    if (found == buckets_.end()) {
        if (buckets_.size() >= capacity_) make_room(now);
        found = buckets_.emplace(directory_id, entry{token_bucket(limit, now), now}).first;
    } else if (!(found->second.bucket.limit() == limit)) {
        // A new limit (an admin's change) starts with a full bucket: a directory whose limit was
        // raised or removed is served at once.
        found->second.bucket = token_bucket(limit, now);
    }
    found->second.used = now;
    auto const wait = found->second.bucket.take(now);
    if (wait) {
        auto const at = std::chrono::system_clock::now();
        tally({directory_id, request, 1, at, at, limit});
        core::metrics::rate_limit_refusals().add({directory_id});
    }
    return wait;
}

void rate_limiter::tally(refusal_tally const& refusal) {
    auto [it, inserted] = refusals_.try_emplace(refusal.directory_id, refusal);
    if (inserted) return;
    auto& t = it->second;
    if (refusal.first_at < t.first_at) {
        t.first = refusal.first;
        t.first_at = refusal.first_at;
    }
    if (refusal.last_at >= t.last_at) {
        t.last_at = refusal.last_at;
        t.limit = refusal.limit;
    }
    t.count += refusal.count;
}

std::vector<refusal_tally> rate_limiter::take_refusals() {
    std::lock_guard lock(mutex_);
    std::vector<refusal_tally> out;
    out.reserve(refusals_.size());
    for (auto& [id, t] : refusals_) out.push_back(std::move(t));
    refusals_.clear();
    return out;
}

void rate_limiter::restore_refusals(std::vector<refusal_tally> const& tallies) {
    std::lock_guard lock(mutex_);
    for (auto const& t : tallies) tally(t);
}

std::optional<refusal_tally> rate_limiter::pending_refusals(std::string const& directory_id) const {
    std::lock_guard lock(mutex_);
    auto const found = refusals_.find(directory_id);
    if (found == refusals_.end()) return std::nullopt;
    return found->second;
}

}  // namespace scim::service
