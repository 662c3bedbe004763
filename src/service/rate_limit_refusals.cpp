// The journal entries of rate-limit refusals (docs/rate-limits.md "Journal and summary").

#include <cstdio>
#include <ctime>
#include <exception>
#include <vector>

#include <boost/json/object.hpp>

#include "rate_limit_times.hpp"
#include "scim/core/log.hpp"
#include "scim/service/directory_rate_limits.hpp"
#include "scim/store/database.hpp"
#include "scim/store/journal.hpp"

namespace scim::service {

std::string rfc3339_utc(std::chrono::system_clock::time_point at) {
    auto const seconds = std::chrono::floor<std::chrono::seconds>(at);
    auto const millis = std::chrono::duration_cast<std::chrono::milliseconds>(at - seconds).count();
    std::time_t const t = std::chrono::system_clock::to_time_t(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[40];
    auto const n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis));
    return std::string(text, n) + fraction;
}

namespace {

store::journal_record entry_of(refusal_tally const& t) {
    store::journal_record r;
    r.request_id = t.first.request_id;
    r.method = t.first.method;
    r.path = t.first.path;
    r.resource_type = "Directory";
    r.resource_id = t.directory_id;
    r.request = nullptr;
    r.normalized = boost::json::object{{"refused", t.count},
                                       {"firstRefusedAt", rfc3339_utc(t.first_at)},
                                       {"lastRefusedAt", rfc3339_utc(t.last_at)},
                                       {"requestsPerSecond", t.limit.per_second},
                                       {"burst", t.limit.burst}};
    r.status = 429;
    r.detail = std::to_string(t.count) + (t.count == 1 ? " request" : " requests") +
               " refused by the directory's rate limit, this one the first";
    return r;
}

}  // namespace

std::size_t journal_rate_limit_refusals(store::database& db, rate_limiter& limiter) {
    auto tallies = limiter.take_refusals();
    if (tallies.empty()) return 0;
    std::vector<refusal_tally> kept;
    std::size_t written = 0;
    try {
        auto lease = db.acquire();
        // One transaction per directory: a failure loses no other directory's entry.
        for (auto const& t : tallies) {
            try {
                lease.transact(
                    [&](store::session& s) { store::append_directory_entry(s, t.directory_id, entry_of(t)); });
                ++written;
            } catch (std::exception const& e) {
                core::log::warn("rate-limit refusals not journaled yet",
                                {{"directory", t.directory_id}, {"error", e.what()}});
                kept.push_back(t);
            }
        }
    } catch (std::exception const& e) {
        // No connection: the counts wait for the next round.
        core::log::warn("rate-limit refusals not journaled yet", {{"error", e.what()}});
        kept.assign(tallies.begin() + static_cast<std::ptrdiff_t>(written), tallies.end());
    }
    limiter.restore_refusals(kept);
    return written;
}

}  // namespace scim::service
