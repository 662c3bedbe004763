#pragma once
// TLS connections that finish their handshake and then send nothing, opened from a chosen
// local address (every address of 127/8 is loopback on Linux), as a client that hoards
// connections would: for tests of the server's connection limits.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace scim::testing {

// Raises the soft RLIMIT_NOFILE of this process (and of the servers it starts afterwards) to
// at least `needed` descriptors, up to the hard limit; false when the hard limit is lower.
bool raise_descriptor_limit(std::size_t needed);

class idle_tls_connections {
public:
    idle_tls_connections();
    ~idle_tls_connections();  // closes them all
    idle_tls_connections(idle_tls_connections const&) = delete;
    idle_tls_connections& operator=(idle_tls_connections const&) = delete;

    // Opens `count` connections from `local_address` to 127.0.0.1:`port`, `parallel` at a time,
    // and keeps those whose handshake finished; answers how many did.
    std::size_t open(std::string const& local_address, unsigned short port, std::size_t count,
                     std::size_t parallel = 4);
    // How many of them the server has not closed.
    std::size_t still_open() const;

private:
    struct connection;
    std::vector<std::unique_ptr<connection>> connections_;
};

}  // namespace scim::testing
