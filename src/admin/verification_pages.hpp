#pragma once
// The pages a verification link opens in a browser (docs/mail.md "The confirmation page"). A
// GET shows what confirming will do and a button that POSTs; only the POST confirms, so a mail
// scanner fetching every link of a message confirms nothing. The pages hold no script and no
// remote content, and say so in their Content-Security-Policy; they are never framed, cached
// or sent as a Referer (the URL holds the link's secret).

#include <string>

#include "scim/core/error.hpp"
#include "scim/http/message.hpp"
#include "scim/service/email_changes.hpp"

namespace scim::admin {

// Whether the answer to `req` is a page: always for a GET (a browser following the link), and
// for a POST whose Accept names text/html (the page's own form). API clients that send no
// Accept or application/json get the admin API's JSON, as before.
bool wants_page(http::request const& req);

// 200: what the link `token` confirms (`preview`) and a button whose form POSTs to the same URL.
http::response confirmation_page(service::verification_preview const& preview, std::string const& token);

// 200: what confirming did.
http::response confirmed_page(service::applied_email_change const& change);

// The error of a link as a page with its status: unknown, expired or used (404), an address
// another account took meanwhile (409), or anything else.
http::response link_error_page(core::error const& e);

// The error renderer of /email-verifications/: link_error_page when wants_page, the admin
// API's JSON otherwise.
http::response render_link_error(core::error const& e, http::request const* req);

}  // namespace scim::admin
