#pragma once
// Each connection holds a file descriptor, and the soft RLIMIT_NOFILE many systems start
// processes with (1024) is less than max_connections and the database connections need
// together: out of descriptors, accept fails and every newcomer is turned away, however idle
// the open connections are.

#include <cstddef>

namespace scim::http {

// Raises the process's soft RLIMIT_NOFILE to its hard limit and answers how many connections
// fit in it: `wanted`, or fewer (with a warning in the log) when the limit leaves less than
// `reserved` descriptors besides (database connections, the listening socket, logs, files).
std::size_t connections_within_descriptor_limit(std::size_t wanted, std::size_t reserved);

}  // namespace scim::http
