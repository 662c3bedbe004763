#pragma once
// One admin API request as the use cases take it, built once by admin/ from the HTTP request.
// Its body is admin/'s to read (each endpoint takes its own JSON shape); the use case checks
// the token on the connection it then works on.

#include <string>

namespace scim::service {

struct admin_request {
    std::string id;      // X-Request-Id: the journal's and the logs' key
    std::string method;  // for the journal
    std::string path;    // for the journal (a secret path segment already redacted)
    std::string organization_id;
    std::string authorization;  // the Authorization header as sent
    // The admin console's session (docs/console.md "Security"), taken in place of a bearer
    // token when no Authorization is sent: the cookie's value, the X-CSRF-Token header, and
    // what tells a request from another site (Origin, Sec-Fetch-Site, and the origin the
    // request itself names: scheme://Host).
    std::string session_cookie;
    std::string csrf_token;
    std::string origin;
    std::string sec_fetch_site;
    std::string own_origin;
    // The body as sent, for the audit's record of what a write asked (admin_write.hpp); admin/
    // has read it before the use case runs, and no admin write's body holds a secret.
    std::string body;
};

}  // namespace scim::service
