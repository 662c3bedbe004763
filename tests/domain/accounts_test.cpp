// The account rules of DOMAIN.md, on values alone: managed vs external, who may claim what,
// the lifecycle's transitions, and the sync lock.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/accounts.hpp"
#include "scim/domain/sync_lock.hpp"

namespace scim::domain {
namespace {

std::string const acme = "org-acme";

// The seed's example (managed-accounts-overview): Acme verified acme.com and claimed Liam.
TEST(accounts, the_seed_example_table) {
    std::vector<std::string> const verified{"acme.com"};
    // Liam, liam@acme.com: domain verified, claimed → managed.
    EXPECT_TRUE(may_claim("liam@acme.com", verified));
    EXPECT_EQ(type_for(acme, acme), account_type::managed);
    // Jane, jane@acme.com: domain verified, not claimed → external.
    EXPECT_TRUE(may_claim("jane@acme.com", verified));
    EXPECT_EQ(type_for(std::nullopt, acme), account_type::external);
    // Jane, jane@gmail.com: domain not verified, cannot be claimed → external.
    EXPECT_FALSE(may_claim("jane@gmail.com", verified));
    EXPECT_EQ(type_for(std::nullopt, acme), account_type::external);
    // Claimed by another organization: external here.
    EXPECT_EQ(type_for(std::string("org-other"), acme), account_type::external);
}

TEST(accounts, email_domains) {
    EXPECT_EQ(email_domain("Liam@ACME.com"), "acme.com");
    EXPECT_EQ(email_domain("a@b@example.org"), "example.org");
    EXPECT_FALSE(email_domain("no-at-sign"));
    EXPECT_FALSE(email_domain("@acme.com"));
    EXPECT_FALSE(email_domain("liam@"));
    // A subdomain is another domain: verifying acme.com does not cover eu.acme.com.
    EXPECT_FALSE(may_claim("liam@eu.acme.com", {"acme.com"}));
    EXPECT_TRUE(may_claim("LIAM@Acme.Com", {"acme.com"}));
}

TEST(accounts, lifecycle_names_round_trip) {
    for (auto state : {lifecycle::active, lifecycle::deactivated, lifecycle::pending_deletion, lifecycle::deleted}) {
        EXPECT_EQ(parse_lifecycle(to_string(state)), state);
    }
    EXPECT_FALSE(parse_lifecycle("suspended"));
}

struct transition {
    lifecycle from;
    lifecycle_action action;
    std::optional<lifecycle> to;  // nullopt: refused with 409 conflict
};

TEST(accounts, lifecycle_transitions) {
    using enum lifecycle;
    using a = lifecycle_action;
    std::vector<transition> const table{
        {active, a::deactivate, deactivated},
        {deactivated, a::deactivate, deactivated},
        {pending_deletion, a::deactivate, std::nullopt},
        {deactivated, a::reactivate, active},
        {active, a::reactivate, active},
        {pending_deletion, a::reactivate, std::nullopt},
        {active, a::schedule_deletion, pending_deletion},
        {deactivated, a::schedule_deletion, pending_deletion},
        {pending_deletion, a::schedule_deletion, pending_deletion},
        {pending_deletion, a::cancel_deletion, deactivated},
        {active, a::cancel_deletion, std::nullopt},
        {pending_deletion, a::erase, deleted},
        {deactivated, a::erase, std::nullopt},
        {deleted, a::reactivate, std::nullopt},
        {deleted, a::schedule_deletion, std::nullopt},
    };
    for (auto const& t : table) {
        auto const label = std::string(to_string(t.from)) + " × " + std::to_string(static_cast<int>(t.action));
        if (t.to) {
            EXPECT_EQ(apply(t.from, t.action), *t.to) << label;
        } else {
            try {
                (void)apply(t.from, t.action);
                ADD_FAILURE() << label << " was allowed";
            } catch (core::error const& e) {
                EXPECT_EQ(e.type(), core::error_type::conflict) << label;
                EXPECT_NE(e.detail().find(to_string(t.from)), std::string::npos) << e.detail();
            }
        }
    }
}

TEST(sync_lock, refuses_idp_owned_fields_of_synced_accounts_naming_the_directory) {
    EXPECT_NO_THROW(check_account_edit(std::nullopt, {"displayName", "email"}));
    EXPECT_NO_THROW(check_account_edit(std::string("okta"), {"picture", "twoStepExcludedUntil"}));
    try {
        check_account_edit(std::string("okta"), {"picture", "displayName", "department"});
        ADD_FAILURE() << "accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::forbidden);
        EXPECT_NE(e.detail().find("\"okta\""), std::string::npos) << e.detail();
        EXPECT_NE(e.detail().find("displayName, department"), std::string::npos) << e.detail();
    }
}

}  // namespace
}  // namespace scim::domain

namespace scim::domain {
namespace {

TEST(accounts, only_the_managing_organization_changes_an_account) {
    EXPECT_NO_THROW(require_managed(account_type::managed, "deactivate"));
    try {
        require_managed(account_type::external, "deactivate");
        ADD_FAILURE() << "accepted";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::forbidden);
        EXPECT_NE(e.detail().find("external"), std::string::npos);
    }
}

}  // namespace
}  // namespace scim::domain
