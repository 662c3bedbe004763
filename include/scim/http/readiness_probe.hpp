#pragma once
// `scimd ready` (docs/command-line.md "scimd ready"): asks a scimd on this host for GET /readyz,
// so that a container's health check needs no HTTP client in the image.

#include <chrono>
#include <string>

namespace scim::http {

struct probe_target {
    std::string host;  // an address or name of this host; a wildcard (0.0.0.0, ::) is mapped to loopback
    unsigned short port = 0;
    bool tls = true;
    std::chrono::seconds timeout{3};  // for the whole exchange: connect, handshake, request, response
};

struct probe_outcome {
    bool ready = false;   // /readyz answered 200
    std::string summary;  // "GET /readyz answered 503", "cannot connect to 127.0.0.1:8443: …"
};

// Never throws for what the server does (refusal, silence, a failed handshake, a bad answer): those
// are an outcome that is not ready.
probe_outcome probe_readiness(probe_target const& target);

}  // namespace scim::http
