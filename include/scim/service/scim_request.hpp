#pragma once
// One SCIM request as the use cases take it. api/ builds it once from the HTTP request — the
// query string decoded once, each header read once, the projection parsed against the resource
// type — and nothing downstream reads the HTTP request again.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scim/protocol/projection.hpp"

namespace scim::service {

struct scim_request {
    std::string id;      // X-Request-Id: the journal's and the logs' key
    std::string method;  // for the journal
    std::string path;    // for the journal
    std::string directory_id;
    // The Authorization header as sent; the use case checks it on the connection it works on.
    std::string authorization;
    // The body and its Content-Type as sent; they outlive the use case (the HTTP request holds them).
    std::string_view body;
    std::optional<std::string> content_type;
    // attributes / excludedAttributes (RFC 7644 §3.9), and whether either was given.
    protocol::projection projection;
    bool projection_given = false;
    // RFC 7644 §3.14 preconditions.
    std::optional<std::string> if_match;
    std::optional<std::string> if_none_match;
    // RFC 7240 Prefer: return=minimal / return=representation.
    bool prefer_minimal = false;
    bool prefer_representation = false;
    // Tolerance rules the request line needed (an endpoint name in another letter case), one
    // line each, for the journal's normalizations (docs/journal.md).
    std::vector<std::string> normalizations;
};

}  // namespace scim::service
