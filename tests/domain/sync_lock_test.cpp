// The sync lock on an account's lifecycle (docs/accounts.md "The sync lock, action by action"),
// on values alone: which admin actions a synced account refuses, naming its directory, and what
// its directory's `active` makes of its lifecycle.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/sync_lock.hpp"

namespace scim::domain {
namespace {

std::optional<std::string> const okta = std::string("okta");

// The detail of the forbidden error `check` throws; "" when it throws nothing.
template <typename Check>
std::string refusal(Check check) {
    try {
        check();
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::forbidden) << e.detail();
        return e.detail();
    }
    return {};
}

TEST(sync_lock, an_unsynced_account_leaves_every_lifecycle_action_to_the_admin) {
    for (auto action : {lifecycle_action::deactivate, lifecycle_action::reactivate, lifecycle_action::schedule_deletion,
                        lifecycle_action::cancel_deletion}) {
        for (auto state : {lifecycle::active, lifecycle::deactivated, lifecycle::pending_deletion}) {
            EXPECT_NO_THROW(check_synced_lifecycle(std::nullopt, action, state));
        }
    }
}

TEST(sync_lock, whether_a_synced_account_is_active_is_its_directorys) {
    for (auto action : {lifecycle_action::deactivate, lifecycle_action::reactivate}) {
        for (auto state : {lifecycle::active, lifecycle::deactivated, lifecycle::pending_deletion}) {
            auto const detail = refusal([&] { check_synced_lifecycle(okta, action, state); });
            EXPECT_NE(detail.find("\"okta\""), std::string::npos) << detail;
        }
    }
}

TEST(sync_lock, a_synced_account_is_deleted_once_its_directory_deactivated_it) {
    auto const detail =
        refusal([&] { check_synced_lifecycle(okta, lifecycle_action::schedule_deletion, lifecycle::active); });
    EXPECT_NE(detail.find("\"okta\""), std::string::npos) << detail;
    EXPECT_NE(detail.find("deactivate it in the identity provider first"), std::string::npos) << detail;
    EXPECT_NO_THROW(check_synced_lifecycle(okta, lifecycle_action::schedule_deletion, lifecycle::deactivated));
    EXPECT_NO_THROW(check_synced_lifecycle(okta, lifecycle_action::schedule_deletion, lifecycle::pending_deletion));
    // Cancelling leaves it deactivated, as its directory has it.
    EXPECT_NO_THROW(check_synced_lifecycle(okta, lifecycle_action::cancel_deletion, lifecycle::pending_deletion));
}

TEST(sync_lock, a_synced_account_follows_its_directorys_active) {
    struct step {
        lifecycle from;
        bool active;
        lifecycle to;
    };
    for (auto const& s : {
             step{lifecycle::active, false, lifecycle::deactivated},
             step{lifecycle::active, true, lifecycle::active},
             step{lifecycle::deactivated, true, lifecycle::active},
             step{lifecycle::deactivated, false, lifecycle::deactivated},
             // The admin deleted it after the directory deactivated it: the directory taking the
             // person back undoes the deletion; repeating inactive leaves it scheduled.
             step{lifecycle::pending_deletion, true, lifecycle::active},
             step{lifecycle::pending_deletion, false, lifecycle::pending_deletion},
             step{lifecycle::deleted, true, lifecycle::deleted},
         }) {
        EXPECT_EQ(follow_directory(s.from, s.active), s.to) << to_string(s.from) << " active=" << s.active;
    }
}

}  // namespace
}  // namespace scim::domain
