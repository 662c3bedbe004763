#pragma once
// The organization's admin tokens (`scimdadmin_<16 hex id>_<secret>`, core/bearer_tokens.hpp),
// and the admin console's sessions started from them (docs/console.md "Security"), checked on
// the connection an admin use case then works on.

#include <string>
#include <utility>

#include "scim/service/admin_request.hpp"
#include "scim/service/context.hpp"
#include "scim/store/console_sessions.hpp"
#include "scim/store/database.hpp"

namespace scim::service {

// The caller of an admin request: the request's bearer token must be a usable (neither revoked
// nor expired) admin token of its organization; without an Authorization header, its console
// session cookie must name a usable session of the organization. Otherwise
// core::error(unauthorized), the same for every failure. A write (neither GET nor HEAD) on a
// session must also come from this server's own pages with the session's CSRF token, else
// core::error(forbidden). `public_url` is --public-url (the origin pages are served from, when
// set). Answers the token's id, which names the admin in the audit (admin_write.hpp).
std::string authenticate_admin(store::session& s, admin_request const& req, std::string const& public_url);

// The admin token an `Authorization` header presents, of whichever organization, as
// authenticate_admin checks it.
struct admin_caller {
    std::string token_id;
    std::string organization_id;
};
admin_caller authenticate_admin_token(store::session& s, std::string const& authorization);

// The usable session a console cookie's value names, whose secret matches; unauthorized otherwise.
store::console_session_row authenticate_console_session(store::session& s, std::string const& cookie);

// The CSRF token of the session whose cookie holds `cookie`: derived from it (HMAC-SHA-256), so
// that nothing more is stored, and only the cookie's holder can know it.
std::string console_csrf_token(std::string const& cookie);

// Whether the request comes from a page of another site: an Origin that is not this server's
// (the request's own scheme and Host, or --public-url's), or Sec-Fetch-Site: cross-site.
bool from_another_site(admin_request const& req, std::string const& public_url);

// A console write's guard: forbidden when the request comes from another site or does not carry
// the session's CSRF token.
void check_console_write(admin_request const& req, std::string const& public_url);

// Runs an admin use case on one connection: the token checked first (its own statement,
// outside any transaction), then `work(lease, admin_token_id)`, which runs its transaction on
// the same lease.
template <typename Work>
auto as_admin(context const& ctx, admin_request const& req, Work const& work) {
    auto lease = ctx.db.acquire();
    std::string admin_token_id;
    lease.read([&](store::session& s) { admin_token_id = authenticate_admin(s, req, ctx.config.public_url); });
    return work(lease, std::as_const(admin_token_id));
}

}  // namespace scim::service
