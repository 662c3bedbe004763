// Authentication policy rules on values alone: validation bounds, secure login, billable, and
// how the export spells the settings.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/policies.hpp"

namespace scim::domain {
namespace {

policy_settings valid() {
    policy_settings p;
    p.name = "Engineering";
    return p;
}

TEST(policies, types_round_trip) {
    for (auto t : {policy_type::billable, policy_type::nonbillable}) EXPECT_EQ(parse_policy_type(to_string(t)), t);
    EXPECT_FALSE(parse_policy_type("Billable"));
    EXPECT_FALSE(parse_policy_type(""));
}

TEST(policies, validation_bounds) {
    struct edit_case {
        char const* what;
        void (*edit)(policy_settings&);
        bool ok;
    };
    edit_case const cases[] = {
        {"defaults", [](policy_settings&) {}, true},
        {"empty name", [](policy_settings& p) { p.name.clear(); }, false},
        {"longest name", [](policy_settings& p) { p.name.assign(max_policy_name_length, 'x'); }, true},
        {"name too long", [](policy_settings& p) { p.name.assign(max_policy_name_length + 1, 'x'); }, false},
        {"password 7", [](policy_settings& p) { p.password_min_length = 7; }, false},
        {"password 8", [](policy_settings& p) { p.password_min_length = 8; }, true},
        {"password 128", [](policy_settings& p) { p.password_min_length = 128; }, true},
        {"password 129", [](policy_settings& p) { p.password_min_length = 129; }, false},
        {"expiry 0", [](policy_settings& p) { p.password_expiry_days = 0; }, false},
        {"expiry 1", [](policy_settings& p) { p.password_expiry_days = 1; }, true},
        {"expiry 365", [](policy_settings& p) { p.password_expiry_days = 365; }, true},
        {"expiry 366", [](policy_settings& p) { p.password_expiry_days = 366; }, false},
        {"idle 4", [](policy_settings& p) { p.idle_session_minutes = 4; }, false},
        {"idle 5", [](policy_settings& p) { p.idle_session_minutes = 5; }, true},
        {"idle 90 days", [](policy_settings& p) { p.idle_session_minutes = max_idle_session_minutes; }, true},
        {"idle over 90 days", [](policy_settings& p) { p.idle_session_minutes = max_idle_session_minutes + 1; }, false},
    };
    for (auto const& c : cases) {
        auto p = valid();
        c.edit(p);
        if (c.ok) {
            EXPECT_NO_THROW(validate(p)) << c.what;
        } else {
            try {
                validate(p);
                ADD_FAILURE() << c.what << " was accepted";
            } catch (core::error const& e) {
                EXPECT_EQ(e.type(), core::error_type::invalid_value) << c.what;
                EXPECT_EQ(e.status(), 400) << c.what;
            }
        }
    }
}

TEST(policies, secure_login_is_sso_or_two_step) {
    EXPECT_FALSE(uses_secure_login(false, false));
    EXPECT_TRUE(uses_secure_login(true, false));
    EXPECT_TRUE(uses_secure_login(false, true));
    EXPECT_TRUE(uses_secure_login(true, true));
}

TEST(policies, billable_means_active_under_a_billable_policy) {
    struct billing_case {
        lifecycle state;
        policy_type type;
        bool billable;
    };
    billing_case const cases[] = {
        {lifecycle::active, policy_type::billable, true},
        {lifecycle::active, policy_type::nonbillable, false},
        {lifecycle::deactivated, policy_type::billable, false},
        {lifecycle::pending_deletion, policy_type::billable, false},
    };
    for (auto const& c : cases) EXPECT_EQ(is_billable(c.state, c.type), c.billable) << to_string(c.state);
}

TEST(policies, export_wording) {
    EXPECT_EQ(describe_password_requirements(12, 90), "Minimum 12 characters, expire every 90 days");
    EXPECT_EQ(describe_password_requirements(8, std::nullopt), "Minimum 8 characters, never expire");
    EXPECT_EQ(describe_password_requirements(8, 1), "Minimum 8 characters, expire every 1 day");
    struct idle_case {
        int minutes;
        char const* text;
    };
    idle_case const cases[] = {{43200, "30 days"}, {1440, "1 day"},    {480, "8 hours"},
                               {60, "1 hour"},     {90, "90 minutes"}, {5, "5 minutes"}};
    for (auto const& c : cases) EXPECT_EQ(describe_idle_session(c.minutes), c.text) << c.minutes;
}

}  // namespace
}  // namespace scim::domain
