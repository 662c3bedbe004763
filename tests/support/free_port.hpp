#pragma once
// A loopback port the system has just handed out as free, for a test server to listen on.

namespace scim::testing {

// `socket_type`: SOCK_STREAM (TCP) or SOCK_DGRAM (UDP). Throws std::runtime_error when no
// socket can be bound.
unsigned short free_loopback_port(int socket_type);

}  // namespace scim::testing
