#pragma once
// What each message of the outbox says (docs/mail.md "Messages"): a subject, a plain-text part
// and the same as HTML. Values from users (addresses, a site's name) are escaped in the HTML;
// the header fields are mail/'s to encode.

#include <chrono>
#include <string>
#include <string_view>

namespace scim::service {

struct mail_content {
    std::string subject;
    std::string text;
    std::string html;
};

// "Please confirm that `to` is your address": its link marks the address verified.
mail_content address_verification_mail(std::string const& to, std::string const& link, std::chrono::hours lifetime);

// "Confirm `to` as your new address": its link applies the change.
mail_content email_change_mail(std::string const& to, std::string const& link, std::chrono::hours lifetime);

// "You are invited to the site": where it is, and with which address to sign in.
mail_content site_invitation_mail(std::string const& to, std::string const& site_name, std::string const& site_host);

// "Your administrator asks you to choose a new password at your next sign-in".
mail_content password_reset_mail(std::string const& to);

// `text` safe inside HTML text and double-quoted attribute values.
std::string html_escape(std::string_view text);

}  // namespace scim::service
