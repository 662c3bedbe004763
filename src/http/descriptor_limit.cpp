#include "descriptor_limit.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <string>

#include "scim/core/log.hpp"

namespace scim::http {

std::size_t connections_within_descriptor_limit(std::size_t wanted, std::size_t reserved) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return wanted;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        // An unlimited hard limit is still bounded by the kernel (fs.nr_open): ask for what is needed.
        raised.rlim_cur =
            limit.rlim_max == RLIM_INFINITY ? std::max<rlim_t>(limit.rlim_cur, wanted + reserved) : limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= wanted + reserved) return wanted;
    auto const fitting = std::max<std::size_t>(limit.rlim_cur > reserved ? limit.rlim_cur - reserved : 0, 1);
    core::log::warn("the file descriptor limit allows fewer connections than --max-connections",
                    {{"descriptors", std::to_string(limit.rlim_cur)},
                     {"max_connections", std::to_string(wanted)},
                     {"serving_at_most", std::to_string(fitting)}});
    return fitting;
}

}  // namespace scim::http
