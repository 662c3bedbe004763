#include "scim/domain/email_change.hpp"

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"
#include "scim/domain/profile_values.hpp"
#include "scim/domain/sync_lock.hpp"

namespace scim::domain {
namespace {

bool same_address(std::optional<std::string> const& a, std::string_view b) { return a && core::iequals(*a, b); }

}  // namespace

void check_admin_email_access(account_type type, std::optional<std::string> const& sync_directory) {
    require_managed(type, "change the email address");
    // The same lock as the other attributes the identity provider owns (DOMAIN.md).
    check_account_edit(sync_directory, {"email"});
}

void check_admin_email_change(account_type type, std::optional<std::string> const& sync_directory,
                              std::optional<std::string> const& current, std::string_view requested) {
    check_admin_email_access(type, sync_directory);
    if (!is_email_address(requested)) {
        throw core::error(core::error_type::invalid_value,
                          "\"" + std::string(requested) + "\" is not an email address");
    }
    if (same_address(current, requested)) {
        throw core::error(core::error_type::conflict, std::string(requested) + " is already the account's address");
    }
}

pushed_email_action on_pushed_email(std::optional<std::string> const& current,
                                    std::optional<std::string> const& pending, std::optional<std::string> const& pushed,
                                    std::vector<std::string> const& verified_domains) {
    // A push without an address does not take the account's away.
    if (!pushed || !is_email_address(*pushed)) return pushed_email_action::none;
    if (same_address(current, *pushed))
        return pending ? pushed_email_action::cancel_pending : pushed_email_action::none;
    // The identity provider repeats its state on every PUT: one message per change, not per push.
    if (same_address(pending, *pushed)) return pushed_email_action::none;
    // The organization proved it owns the domain, and its identity provider is the authority
    // for the mailboxes on it: what it says there applies at once.
    return may_claim(*pushed, verified_domains) ? pushed_email_action::apply
                                                : pushed_email_action::request_verification;
}

claim_after_confirmation claim_after_confirming(std::string_view new_email,
                                                std::vector<std::string> const& verified_domains) {
    // DOMAIN.md: an organization manages only accounts on domains it verified.
    return may_claim(new_email, verified_domains) ? claim_after_confirmation::kept : claim_after_confirmation::released;
}

void require_verified_address(bool email_verified, std::string_view doing) {
    if (email_verified) return;
    throw core::error(core::error_type::conflict,
                      "cannot " + std::string(doing) +
                          ": the account has not verified its email address yet; "
                          "send it a verification with POST /accounts/{id}/address-verification");
}

}  // namespace scim::domain
