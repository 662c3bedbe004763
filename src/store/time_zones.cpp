#include "scim/store/time_zones.hpp"

#include <mutex>
#include <optional>
#include <set>

#include "session.hpp"
#include "sql_text.hpp"

namespace scim::store {

bool is_known_time_zone(session& s, std::string const& name) {
    // pg_timezone_names reads every file of the server's zone directory (about 600 of them) on
    // each query: read once per process, then answered from memory. A zone that a tzdata
    // upgrade of the database server adds is known once scimd restarts.
    static std::mutex mutex;
    static std::optional<std::set<std::string, std::less<>>> names;
    std::lock_guard lock(mutex);
    if (!names) {
        std::set<std::string, std::less<>> read;
        for (auto const& r : s.run(sql_text("SELECT name FROM pg_timezone_names"))) read.insert(r.text("name"));
        names = std::move(read);
    }
    return names->count(name) > 0;
}

}  // namespace scim::store
