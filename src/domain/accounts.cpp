#include "scim/domain/accounts.hpp"

#include "scim/core/error.hpp"
#include "scim/core/text.hpp"

namespace scim::domain {

std::string_view to_string(account_type type) noexcept {
    return type == account_type::managed ? "managed" : "external";
}

std::string_view to_string(lifecycle state) noexcept {
    switch (state) {
        case lifecycle::active: return "active";
        case lifecycle::deactivated: return "deactivated";
        case lifecycle::pending_deletion: return "pending_deletion";
        case lifecycle::deleted: return "deleted";
    }
    return "active";
}

std::optional<lifecycle> parse_lifecycle(std::string_view text) noexcept {
    for (auto state : {lifecycle::active, lifecycle::deactivated, lifecycle::pending_deletion, lifecycle::deleted}) {
        if (text == to_string(state)) return state;
    }
    return std::nullopt;
}

std::optional<std::string> email_domain(std::string_view email) {
    auto const at = email.rfind('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= email.size()) return std::nullopt;
    return core::to_lower_ascii(email.substr(at + 1));
}

account_type type_for(std::optional<std::string> const& claimed_by, std::string const& organization_id) noexcept {
    return claimed_by && *claimed_by == organization_id ? account_type::managed : account_type::external;
}

bool may_claim(std::string_view email, std::vector<std::string> const& verified_domains) {
    auto const domain = email_domain(email);
    if (!domain) return false;
    for (auto const& verified : verified_domains) {
        if (verified == *domain) return true;
    }
    return false;
}

void require_managed(account_type type, std::string_view action) {
    if (type == account_type::managed) return;
    throw core::error(
        core::error_type::forbidden,
        "cannot " + std::string(action) +
            ": this account is an external user of the organization, which "
            "manages only its site and group memberships; its own organization (or its owner) manages the account");
}

namespace {

std::string_view action_name(lifecycle_action action) {
    switch (action) {
        case lifecycle_action::deactivate: return "deactivate";
        case lifecycle_action::reactivate: return "reactivate";
        case lifecycle_action::schedule_deletion: return "delete";
        case lifecycle_action::cancel_deletion: return "cancel the deletion of";
        case lifecycle_action::erase: return "erase";
    }
    return "change";
}

[[noreturn]] void refuse(lifecycle from, lifecycle_action action, std::string_view hint) {
    throw core::error(core::error_type::conflict, "cannot " + std::string(action_name(action)) +
                                                      " an account that is " + std::string(to_string(from)) +
                                                      std::string(hint));
}

}  // namespace

lifecycle apply(lifecycle from, lifecycle_action action) {
    if (from == lifecycle::deleted) refuse(from, action, ": a deleted account is gone for good");
    switch (action) {
        case lifecycle_action::deactivate:
            if (from == lifecycle::pending_deletion)
                refuse(from, action, "; it is already deactivated until it is deleted");
            return lifecycle::deactivated;
        case lifecycle_action::reactivate:
            if (from == lifecycle::pending_deletion) refuse(from, action, "; cancel the deletion first");
            return lifecycle::active;
        case lifecycle_action::schedule_deletion: return lifecycle::pending_deletion;
        case lifecycle_action::cancel_deletion:
            // Cancelling leaves the account deactivated: reactivating is a decision of its own.
            if (from != lifecycle::pending_deletion) refuse(from, action, "; no deletion is scheduled");
            return lifecycle::deactivated;
        case lifecycle_action::erase:
            if (from != lifecycle::pending_deletion)
                refuse(from, action, "; only an account pending deletion is erased");
            return lifecycle::deleted;
    }
    return from;
}

}  // namespace scim::domain
