// Two-step verification and secure login on values alone: when an exclusion is allowed, when a
// second step is required, and the Managed accounts page's whole percent.

#include <gtest/gtest.h>

#include <string>

#include "scim/core/error.hpp"
#include "scim/domain/two_step.hpp"

namespace scim::domain {
namespace {

core::error_type refusal(bool in_future, bool required) {
    try {
        check_two_step_exclusion(in_future, required, "Default policy");
    } catch (core::error const& e) {
        return e.type();
    }
    return core::error_type::internal;  // not refused
}

TEST(two_step, an_exclusion_ends_in_the_future_under_a_policy_that_enforces_two_step) {
    EXPECT_NO_THROW(check_two_step_exclusion(true, true, "Staff"));
    EXPECT_EQ(refusal(false, true), core::error_type::invalid_value);
    EXPECT_EQ(refusal(true, false), core::error_type::conflict);
    EXPECT_EQ(refusal(false, false), core::error_type::invalid_value);  // the value first, then the state
    try {
        check_two_step_exclusion(true, false, "Contractors");
    } catch (core::error const& e) {
        EXPECT_NE(std::string(e.what()).find("\"Contractors\""), std::string::npos) << e.what();
    }
}

TEST(two_step, a_second_step_is_required_by_the_policy_unless_excluded) {
    EXPECT_TRUE(second_step_required(true, false));
    EXPECT_FALSE(second_step_required(true, true));
    EXPECT_FALSE(second_step_required(false, false));
    EXPECT_FALSE(second_step_required(false, true));
}

TEST(two_step, the_secure_login_percent_is_whole_and_never_overstates_the_ends) {
    EXPECT_EQ(secure_login_percent(0, 0), 0);
    EXPECT_EQ(secure_login_percent(0, 5), 0);
    EXPECT_EQ(secure_login_percent(3, 5), 60);
    EXPECT_EQ(secure_login_percent(1, 3), 33);
    EXPECT_EQ(secure_login_percent(2, 3), 67);
    EXPECT_EQ(secure_login_percent(1, 8), 13);  // 12.5: halves up
    EXPECT_EQ(secure_login_percent(5, 5), 100);
    EXPECT_EQ(secure_login_percent(999, 1000), 99);  // 99.9 does not read as everyone
    EXPECT_EQ(secure_login_percent(1, 1000), 1);     // 0.1 does not read as no one
    EXPECT_EQ(secure_login_percent(1999, 2000), 99);
    EXPECT_EQ(secure_login_percent(150000, 150000), 100);
}

}  // namespace
}  // namespace scim::domain
