#pragma once
// Per-directory rate limits (docs/rate-limits.md): a token bucket per directory, in this
// process's memory. Every authenticated SCIM request takes one token; an empty bucket refuses
// the request with the seconds until the next token (RFC 6585 §4 Retry-After). Refusals are
// tallied per directory until the journal takes them (journal_rate_limit_refusals), so that a
// flood of refused requests costs one journal entry per directory per interval.
//
// Each replica keeps its own buckets: with N replicas a directory gets up to N times its limit.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace scim::service {

// A bucket's refill rate (tokens per second) and its size (the largest burst).
struct rate_limit {
    double per_second = 0;
    std::int64_t burst = 0;
    bool operator==(rate_limit const&) const = default;
};

// RFC 6585 §4's arithmetic, with the time given: starts full, refills continuously.
class token_bucket {
public:
    using time_point = std::chrono::steady_clock::time_point;
    token_bucket(rate_limit limit, time_point now);

    // Takes one token at `now`: nothing when taken, otherwise the whole seconds until one is
    // available, rounded up and at least 1 (Retry-After's unit).
    std::optional<int> take(time_point now);
    // Full at `now`: forgetting the bucket changes nothing.
    bool full_at(time_point now) const;
    rate_limit const& limit() const noexcept { return limit_; }

private:
    void refill(time_point now);

    rate_limit limit_;
    double tokens_;
    time_point updated_;
};

// The request an empty bucket refused first in a tally, for its journal entry.
struct refused_request {
    std::string request_id;
    std::string method;
    std::string path;
};

// The refusals of one directory since its tally was last taken.
struct refusal_tally {
    std::string directory_id;
    refused_request first;
    std::int64_t count = 0;
    std::chrono::system_clock::time_point first_at;
    std::chrono::system_clock::time_point last_at;
    rate_limit limit;  // the limit that refused the last of them
};

class rate_limiter {
public:
    using clock = std::function<std::chrono::steady_clock::time_point()>;
    // At most `capacity` buckets (full ones go first, then the least recently used); `now` is
    // the steady clock unless a test gives its own.
    explicit rate_limiter(std::size_t capacity, clock now = &std::chrono::steady_clock::now);

    // One token of the directory's bucket, as take() above; a refusal is tallied.
    std::optional<int> take(std::string const& directory_id, rate_limit const& limit, refused_request const& request);

    // The tallies, emptied: what the journal has not recorded yet.
    std::vector<refusal_tally> take_refusals();
    // Puts tallies back (the journal could not take them); they merge with newer ones.
    void restore_refusals(std::vector<refusal_tally> const& tallies);
    // The directory's tally not journaled yet, if any (the admin API's summary adds it).
    std::optional<refusal_tally> pending_refusals(std::string const& directory_id) const;

private:
    struct entry {
        token_bucket bucket;
        std::chrono::steady_clock::time_point used;
    };
    void make_room(std::chrono::steady_clock::time_point now);
    void tally(refusal_tally const& refusal);

    std::size_t capacity_;
    clock now_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, entry> buckets_;
    std::unordered_map<std::string, refusal_tally> refusals_;
};

}  // namespace scim::service
