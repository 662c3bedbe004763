#pragma once
// ETag preconditions (RFC 7644 §3.14, RFC 9110 §13.1.1-2). scimd's entity tags are weak,
// W/"<version>", and RFC 7644 §3.14 shows them in If-Match, so tags are compared by their
// opaque part whether or not the client kept the W/ prefix.

#include <cstdint>
#include <string_view>

namespace scim::protocol {

// Whether an If-Match or If-None-Match header value ("*", or a comma-separated list of
// entity tags) names the resource at `version`. Anything that is not an entity tag names
// nothing.
bool names_version(std::string_view header, std::int64_t version);

}  // namespace scim::protocol
