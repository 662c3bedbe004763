#include "mail_messages.hpp"

#include <vector>

#include "scim/core/html.hpp"

namespace scim::service {
namespace {

// One HTML document of paragraphs (already escaped); no script, no remote content.
std::string html_document(std::string const& title, std::vector<std::string> const& paragraphs) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" +
                      core::html_escaped(title) + "</title></head>\n<body>\n";
    for (auto const& p : paragraphs) out += "<p>" + p + "</p>\n";
    return out + "</body>\n</html>\n";
}

std::string html_link(std::string const& url) {
    auto const shown = core::html_escaped(url);
    return "<a href=\"" + shown + "\">" + shown + "</a>";
}

std::string hours(std::chrono::hours lifetime) { return std::to_string(lifetime.count()) + " hours"; }

}  // namespace

mail_content address_verification_mail(std::string const& to, std::string const& link, std::chrono::hours lifetime) {
    mail_content m;
    m.subject = "Confirm your email address";
    m.text = "Please confirm that " + to + " is the email address of your account: open this link within " +
             hours(lifetime) + ":\n\n" + link +
             "\n\nThe page it opens asks you to confirm with a button.\n\nIf you do not have an account with this "
             "address, ignore this message.\n";
    m.html = html_document(m.subject, {"Please confirm that <strong>" + core::html_escaped(to) +
                                           "</strong> is the email address of your account: open this link within " +
                                           hours(lifetime) + ":",
                                       html_link(link), "The page it opens asks you to confirm with a button.",
                                       "If you do not have an account with this address, ignore this message."});
    return m;
}

mail_content email_change_mail(std::string const& to, std::string const& link, std::chrono::hours lifetime) {
    mail_content m;
    m.subject = "Confirm your new email address";
    m.text = "Someone asked to make " + to + " the email address of your account. To confirm, open this link within " +
             hours(lifetime) + ":\n\n" + link +
             "\n\nThe page it opens asks you to confirm with a button. Until you confirm, your account keeps its "
             "current address. If you did not ask for this, ignore this message.\n";
    m.html = html_document(
        m.subject,
        {"Someone asked to make <strong>" + core::html_escaped(to) +
             "</strong> the email address of your account. To confirm, open this link within " + hours(lifetime) + ":",
         html_link(link),
         "The page it opens asks you to confirm with a button. Until you confirm, your account "
         "keeps its current address. If you did not ask for this, ignore this message."});
    return m;
}

mail_content site_invitation_mail(std::string const& to, std::string const& site_name, std::string const& site_host) {
    auto const url = "https://" + site_host + "/";
    mail_content m;
    m.subject = "You are invited to " + site_name;
    m.text = "You are invited to the site " + site_name + ":\n\n" + url + "\n\nSign in there with " + to +
             " to join it. If you do not expect this invitation, ignore this message.\n";
    m.html = html_document(
        m.subject,
        {"You are invited to the site <strong>" + core::html_escaped(site_name) + "</strong>:", html_link(url),
         "Sign in there with <strong>" + core::html_escaped(to) +
             "</strong> to join it. If you do not expect this invitation, ignore this "
             "message."});
    return m;
}

mail_content password_reset_mail(std::string const& to) {
    mail_content m;
    m.subject = "Choose a new password";
    m.text = "Your organization's administrator asks you to choose a new password for the account " + to +
             ". The next time you sign in, you will be asked for a new one.\n\nThis message holds no link: sign in "
             "where you always do. If a message like this one ever asks you for your password, do not answer it.\n";
    m.html = html_document(m.subject, {"Your organization's administrator asks you to choose a new password for "
                                       "the account <strong>" +
                                           core::html_escaped(to) +
                                           "</strong>. The next time you sign in, you will be asked for a new one.",
                                       "This message holds no link: sign in where you always do. If a message like "
                                       "this one ever asks you for your password, do not answer it."});
    return m;
}

}  // namespace scim::service
