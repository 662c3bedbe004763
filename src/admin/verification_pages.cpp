#include "verification_pages.hpp"

#include "scim/admin/routes.hpp"
#include "scim/core/html.hpp"

namespace scim::admin {
namespace {

// `body` is HTML already escaped.
http::response page(int status, std::string const& title, std::string const& body) {
    http::response res;
    res.status = status;
    res.body =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        // The admin console's look (docs/console.md); relative to /email-verifications/{token},
        // so that a path prefix of a proxy in front of scimd stays.
        "<link rel=\"stylesheet\" href=\"../console/console.css\">"
        "<title>" +
        core::html_escaped(title) +
        "</title></head>\n<body>\n"
        // The sign-in page's card (console/console.css "sign-in").
        "<main class=\"sign-in\"><div class=\"sign-in-card\">\n"
        "<p class=\"sign-in-brand\"><span class=\"brand-mark\" aria-hidden=\"true\">s</span>scimd</p>\n"
        "<h1 class=\"sign-in-title\">" +
        core::html_escaped(title) + "</h1>\n" + body + "</div></main>\n</body>\n</html>\n";
    res.set_header("Content-Type", "text/html; charset=utf-8");
    // Nothing but this document, the console's stylesheet and its form's POST back to scimd: no
    // script, image or frame may load, and no other site may frame the page (clickjacking the
    // button).
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    // The URL carries the link's secret: never in a Referer, never in a cache.
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Cache-Control", "no-store");
    return res;
}

std::string paragraph(std::string const& html) { return "<p>" + html + "</p>\n"; }

}  // namespace

bool wants_page(http::request const& req) {
    if (req.method == "GET" || req.method == "HEAD") return true;
    return req.header("accept").find("text/html") != std::string_view::npos;
}

http::response confirmation_page(service::verification_preview const& preview, std::string const& token) {
    auto const to = "<strong>" + core::html_escaped(preview.to) + "</strong>";
    bool const change = preview.kind == store::email_change_message;
    auto const what = change ? "Confirming makes " + to +
                                   " the email address of your account. Until you confirm, your account keeps its "
                                   "current address."
                             : "Confirming shows that " + to + " is the email address of your account.";
    // The form posts to the URL of this page, named by its last segment (the token) relative to
    // it, so that a path prefix in front of scimd (a proxy's) stays.
    return page(
        200, change ? "Confirm your new email address" : "Confirm your email address",
        paragraph(what) + "<form method=\"post\" action=\"" + core::html_escaped(token) +
            "\"><button type=\"submit\" class=\"button button-primary button-block\">Confirm</button></form>\n" +
            paragraph("If you did not ask for this, close this page: nothing changes."));
}

http::response confirmed_page(service::applied_email_change const& change) {
    auto const to = "<strong>" + core::html_escaped(change.new_email) + "</strong>";
    return page(200, "Email address confirmed",
                paragraph(change.address_verified_only ? to + " is confirmed as the email address of your account."
                                                       : to + " is now the email address of your account.") +
                    paragraph("You can close this page."));
}

http::response link_error_page(core::error const& e) {
    switch (e.type()) {
        case core::error_type::not_found:
            return page(e.status(), "This link does not work",
                        paragraph("This link is unknown, has expired, or was used already. Links work once, for a "
                                  "limited time; a newer message replaces an older one.") +
                            paragraph("Ask your administrator to send a new message if you still need one."));
        case core::error_type::uniqueness:
            return page(e.status(), "Address in use",
                        paragraph("This address became the address of another account meanwhile, so it cannot be "
                                  "yours. Ask your administrator."));
        default: {
            auto res = page(e.status(), "Not confirmed",
                            paragraph("The address could not be confirmed now. Please try again later."));
            if (auto seconds = e.retry_after_seconds()) res.set_header("Retry-After", std::to_string(*seconds));
            return res;
        }
    }
}

http::response render_link_error(core::error const& e, http::request const* req) {
    if (req && wants_page(*req)) return link_error_page(e);
    return render_error(e, req);
}

}  // namespace scim::admin
