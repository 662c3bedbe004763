#include "admin_authentication.hpp"

#include "scim/core/bearer_tokens.hpp"
#include "scim/core/crypto.hpp"
#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/store/admin_tokens.hpp"

namespace scim::service {

namespace {

[[noreturn]] void refuse() {
    throw core::error(core::error_type::unauthorized, "a valid admin token for this organization is required");
}

// `row` when `presented` names it and its secret matches; refused otherwise, the same way for
// every failure. Revoked, expired or ended rows are not found, like unknown ones: the comparison
// costs the same for all of them (core::token_matches).
template <typename Row>
Row matching(std::optional<core::presented_token> const& presented, std::optional<Row> row) {
    auto const stored = row ? std::optional<std::string>(row->secret_hash) : std::nullopt;
    if (!core::token_matches(*presented, stored)) refuse();
    return std::move(*row);
}

// The usable token the header presents, whose secret matches.
store::admin_token_secret presented_token(store::session& s, std::string const& authorization) {
    auto const presented = core::read_bearer(authorization, core::admin_token_prefix);
    if (!presented) refuse();
    return matching(presented, store::find_usable_admin_token(s, presented->id));
}

// "lastUsed" to the minute: at most one write a minute per token.
void note_use(store::session& s, store::admin_token_secret const& row) {
    if (row.last_use_stale) store::note_admin_token_use(s, row.id);
}

// scheme://host[:port] of an absolute URL (RFC 6454 §4: an origin has no path).
std::string origin_of(std::string const& url) {
    auto const authority = url.find("://");
    if (authority == std::string::npos) return url;
    return url.substr(0, url.find('/', authority + 3));
}

}  // namespace

admin_caller authenticate_admin_token(store::session& s, std::string const& authorization) {
    auto const row = presented_token(s, authorization);
    note_use(s, row);
    return {row.id, row.organization_id};
}

store::console_session_row authenticate_console_session(store::session& s, std::string const& cookie) {
    auto const presented = core::read_token(cookie, core::console_session_prefix);
    if (!presented) refuse();
    return matching(presented, store::find_usable_console_session(s, presented->id));
}

std::string console_csrf_token(std::string const& cookie) {
    return core::base64url_encode(core::hmac_sha256(cookie, "scimd console CSRF token"));
}

bool from_another_site(admin_request const& req, std::string const& public_url) {
    // Fetch Metadata (W3C): the browser says the request was made by another site's page.
    if (core::iequals(req.sec_fetch_site, "cross-site")) return true;
    // RFC 6454 §7: browsers send Origin with every cross-origin request and with same-origin
    // ones that are not GET or HEAD; "null" (an opaque origin) is no origin of ours.
    if (req.origin.empty()) return false;
    auto const origin = core::to_lower_ascii(req.origin);
    if (origin == core::to_lower_ascii(req.own_origin)) return false;
    return public_url.empty() || origin != core::to_lower_ascii(origin_of(public_url));
}

void check_console_write(admin_request const& req, std::string const& public_url) {
    if (from_another_site(req, public_url))
        throw core::error(core::error_type::forbidden, "a request from another site's page is refused");
    if (req.csrf_token.empty() || !core::constant_time_equal(console_csrf_token(req.session_cookie), req.csrf_token))
        throw core::error(core::error_type::forbidden,
                          "a console write needs the session's X-CSRF-Token (GET /console/session gives it)");
}

std::string authenticate_admin(store::session& s, admin_request const& req, std::string const& public_url) {
    // A bearer token, when sent, wins over a session cookie the same client may hold.
    if (!req.authorization.empty() || req.session_cookie.empty()) {
        auto const row = presented_token(s, req.authorization);
        if (row.organization_id != req.organization_id) refuse();
        note_use(s, row);
        return row.id;
    }
    auto const session = authenticate_console_session(s, req.session_cookie);
    if (session.organization_id != req.organization_id) refuse();
    if (req.method != "GET" && req.method != "HEAD") check_console_write(req, public_url);
    return session.admin_token_id;
}

}  // namespace scim::service
