#pragma once
// How the runner authenticates: a bearer token (RFC 6750, what SCIM servers mostly take) or
// HTTP Basic (RFC 7617, which RFC 7644 §2 also names and some servers take instead).

#include <string>
#include <string_view>

namespace scim::conformance {

enum class auth_scheme { bearer, basic };

struct credentials {
    auth_scheme scheme = auth_scheme::bearer;
    std::string secret;  // the token, or "user:password"
};

// The Authorization header value: "Bearer <token>" or "Basic <base64(user:password)>".
std::string authorization(credentials const& c);

// Credentials of the same scheme that no server issued (RFC 6750 §3.1 invalid_token), for
// the cases that check what a server does with bad credentials.
credentials invalid_credentials(auth_scheme scheme);

// "Bearer" or "Basic": the scheme name a 401's WWW-Authenticate challenge names (RFC 7235 §3.1).
std::string scheme_name(auth_scheme scheme);

// Standard base64 with padding (RFC 4648 §4), as Basic credentials are sent (RFC 7617 §2).
std::string base64_encode(std::string_view data);

}  // namespace scim::conformance
