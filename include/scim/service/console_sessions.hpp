#pragma once
// The admin console's sessions (docs/console.md "Security"): an admin token exchanged once for
// a session that a browser holds in an HttpOnly cookie, with a CSRF token derived from it.
// Signing in and out are in the audit (console.sign_in, console.sign_out; docs/journal.md).

#include <string>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/database.hpp"

namespace scim::service {

// A session as the console sees it.
struct console_session {
    std::string cookie;  // the cookie's value: given to the browser at sign-in only
    std::string organization_id;
    std::string organization_name;
    std::string token_label;
    std::string expires;  // RFC 3339
    std::string csrf_token;
};

// Starts a session of the admin token `admin_token` (`scimdadmin_…`, as pasted): unauthorized
// (the same for every failure) unless it is usable; forbidden for a request from another site's
// page. The request's body is not audited (it holds the token).
console_session sign_in_console(context const& ctx, admin_request const& req, std::string const& admin_token);

// The usable session of the request's cookie (its `cookie` left empty); unauthorized otherwise.
console_session current_console_session(context const& ctx, admin_request const& req);

// Ends the request's session on every replica: unauthorized without a usable one, forbidden
// without its CSRF token or from another site's page.
void sign_out_console(context const& ctx, admin_request const& req);

// Forgets sessions that ended or expired more than a day ago (a periodic task's round); answers
// how many.
long long erase_old_console_sessions(store::database& db);

}  // namespace scim::service
