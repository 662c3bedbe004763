// The email change rules of DOMAIN.md, on values alone: who may change an address through the
// admin API, what an identity provider's push leads to, what confirming does to the claim, and
// the verified address that changes need.

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/email_change.hpp"

namespace scim::domain {
namespace {

std::vector<std::string> const acme_verified{"acme.com"};

struct admin_case {
    char const* name;
    account_type type;
    std::optional<std::string> sync_directory;
    std::optional<std::string> current;
    char const* requested;
    std::optional<core::error_type> refusal;  // none: allowed
    char const* detail_names;                 // what the refusal's detail must mention
};

TEST(email_change, who_may_change_an_address_through_the_admin_api) {
    std::vector<admin_case> const cases{
        {"managed, unsynced", account_type::managed, std::nullopt, "liam@acme.com", "liam@gmail.com", std::nullopt, ""},
        {"an account with no address yet", account_type::managed, std::nullopt, std::nullopt, "liam@acme.com",
         std::nullopt, ""},
        {"external user", account_type::external, std::nullopt, "jane@gmail.com", "jane@acme.com",
         core::error_type::forbidden, "external"},
        {"synced: the identity provider owns it", account_type::managed, "okta", "liam@acme.com", "liam@gmail.com",
         core::error_type::forbidden, "okta"},
        {"not an address", account_type::managed, std::nullopt, "liam@acme.com", "liam",
         core::error_type::invalid_value, "not an email address"},
        {"a space in it", account_type::managed, std::nullopt, "liam@acme.com", "li am@acme.com",
         core::error_type::invalid_value, "not an email address"},
        {"the current address, any case", account_type::managed, std::nullopt, "liam@acme.com", "LIAM@acme.com",
         core::error_type::conflict, "already"},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        if (!c.refusal) {
            EXPECT_NO_THROW(check_admin_email_change(c.type, c.sync_directory, c.current, c.requested));
            continue;
        }
        try {
            check_admin_email_change(c.type, c.sync_directory, c.current, c.requested);
            ADD_FAILURE() << "allowed";
        } catch (core::error const& e) {
            EXPECT_EQ(e.type(), *c.refusal);
            EXPECT_NE(e.detail().find(c.detail_names), std::string::npos) << e.detail();
        }
    }
}

struct push_case {
    char const* name;
    std::optional<std::string> current;
    std::optional<std::string> pending;
    std::optional<std::string> pushed;
    pushed_email_action expected;
};

TEST(email_change, what_an_identity_providers_push_leads_to) {
    std::vector<push_case> const cases{
        {"no address pushed", "liam@acme.com", std::nullopt, std::nullopt, pushed_email_action::none},
        {"not an address", "liam@acme.com", std::nullopt, "liam", pushed_email_action::none},
        {"the current address, any case", "liam@acme.com", std::nullopt, "Liam@ACME.com", pushed_email_action::none},
        {"on a verified domain", "liam@acme.com", std::nullopt, "liam.smith@acme.com", pushed_email_action::apply},
        {"on another domain", "liam@acme.com", std::nullopt, "liam@gmail.com",
         pushed_email_action::request_verification},
        {"the pending address again", "liam@acme.com", "liam@gmail.com", "LIAM@gmail.com", pushed_email_action::none},
        {"another address while one is pending", "liam@acme.com", "liam@gmail.com", "liam@outlook.example",
         pushed_email_action::request_verification},
        {"back to the current address", "liam@acme.com", "liam@gmail.com", "liam@acme.com",
         pushed_email_action::cancel_pending},
        {"a verified one while another is pending", "liam@acme.com", "liam@gmail.com", "l@acme.com",
         pushed_email_action::apply},
        {"a subdomain is another domain", "liam@acme.com", std::nullopt, "liam@eu.acme.com",
         pushed_email_action::request_verification},
    };
    for (auto const& c : cases) {
        SCOPED_TRACE(c.name);
        EXPECT_EQ(on_pushed_email(c.current, c.pending, c.pushed, acme_verified), c.expected);
    }
}

TEST(email_change, confirming_an_address_elsewhere_releases_the_claim) {
    EXPECT_EQ(claim_after_confirming("liam.smith@acme.com", acme_verified), claim_after_confirmation::kept);
    EXPECT_EQ(claim_after_confirming("Liam@Acme.COM", acme_verified), claim_after_confirmation::kept);
    EXPECT_EQ(claim_after_confirming("liam@gmail.com", acme_verified), claim_after_confirmation::released);
    EXPECT_EQ(claim_after_confirming("liam@eu.acme.com", acme_verified), claim_after_confirmation::released);
    EXPECT_EQ(claim_after_confirming("liam@acme.com", {}), claim_after_confirmation::released);
}

// The seed's "Email address verification": an unverified address blocks changes to the
// account, saying how to send the verification.
TEST(email_change, an_unverified_address_blocks_changes) {
    EXPECT_NO_THROW(require_verified_address(true, "edit the profile"));
    try {
        require_verified_address(false, "edit the profile");
        ADD_FAILURE() << "an unverified address was let through";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::conflict);
        EXPECT_NE(e.detail().find("edit the profile"), std::string::npos) << e.detail();
        EXPECT_NE(e.detail().find("address-verification"), std::string::npos) << e.detail();
    }
}

}  // namespace
}  // namespace scim::domain
