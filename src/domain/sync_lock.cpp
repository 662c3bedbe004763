#include "scim/domain/sync_lock.hpp"

#include <algorithm>

#include "scim/core/error.hpp"

namespace scim::domain {

std::vector<std::string_view> const& idp_owned_fields() {
    // DOMAIN.md: name parts, display name, email, job title, department, organization,
    // timezone, preferred language, active.
    static std::vector<std::string_view> const fields{"givenName",         "familyName", "displayName",      "email",
                                                      "jobTitle",          "department", "organizationName", "timezone",
                                                      "preferredLanguage", "active"};
    return fields;
}

void check_account_edit(std::optional<std::string> const& directory_name, std::vector<std::string> const& edited) {
    if (!directory_name) return;
    auto const& owned = idp_owned_fields();
    std::string locked;
    for (auto const& field : edited) {
        if (std::find(owned.begin(), owned.end(), field) != owned.end()) locked += (locked.empty() ? "" : ", ") + field;
    }
    if (locked.empty()) return;
    throw core::error(core::error_type::forbidden, locked + " of this account " +
                                                       (locked.find(',') == std::string::npos ? "is" : "are") +
                                                       " managed by the directory \"" + *directory_name +
                                                       "\" (provisioning); change it in the identity provider");
}

void check_synced_lifecycle(std::optional<std::string> const& directory_name, lifecycle_action action,
                            lifecycle current) {
    if (!directory_name) return;
    switch (action) {
        case lifecycle_action::deactivate:
        case lifecycle_action::reactivate: check_account_edit(directory_name, {"active"}); return;
        case lifecycle_action::schedule_deletion:
            if (current != lifecycle::active) return;
            throw core::error(core::error_type::forbidden,
                              "this account is active in the directory \"" + *directory_name +
                                  "\" (provisioning), which owns whether it is active; deactivate it in the "
                                  "identity provider first, then delete it here");
        case lifecycle_action::cancel_deletion:
        case lifecycle_action::erase: return;
    }
}

lifecycle follow_directory(lifecycle current, bool active) noexcept {
    if (current == lifecycle::deleted) return current;
    if (active) return lifecycle::active;
    return current == lifecycle::pending_deletion ? current : lifecycle::deactivated;
}

void check_group_edit(std::optional<std::string> const& directory_name, group_change change) {
    if (!directory_name || change == group_change::product_grants) return;
    std::string const by = "managed by the directory \"" + *directory_name + "\" (provisioning); ";
    if (change == group_change::deletion) {
        throw core::error(core::error_type::forbidden, "this group is " + by + "delete it in the identity provider");
    }
    std::string const what = change == group_change::name ? "name" : "membership";
    throw core::error(core::error_type::forbidden,
                      "the " + what + " of this group is " + by + "change it in the identity provider");
}

}  // namespace scim::domain
