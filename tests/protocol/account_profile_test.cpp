// What a SCIM User says about its account: the primary address, and the attributes the
// identity provider owns (DOMAIN.md "Provisioning-sync flag").

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "scim/protocol/account_profile.hpp"

namespace scim::protocol {
namespace {

domain::account_profile of(char const* json) { return account_profile_of(boost::json::parse(json).as_object()); }

TEST(account_profile, takes_the_primary_email_then_the_first_then_an_address_user_name) {
    EXPECT_EQ(of(R"({"userName":"x","emails":[{"value":"a@h.example"},{"value":"b@w.example","primary":true}]})").email,
              "b@w.example");
    EXPECT_EQ(of(R"({"userName":"x","emails":[{"value":"a@h.example"},{"value":"b@w.example"}]})").email,
              "a@h.example");
    EXPECT_EQ(of(R"({"userName":"liam@acme.com"})").email, "liam@acme.com");
    EXPECT_FALSE(of(R"({"userName":"liam"})").email);
}

TEST(account_profile, reads_the_attributes_the_identity_provider_owns) {
    auto const p =
        of(R"({"userName":"liam@acme.com","displayName":"Liam","name":{"givenName":"Liam","familyName":"Neeson"},
        "title":"Engineer","timezone":"Europe/Paris","preferredLanguage":"fr","active":false,
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"R&D","organization":"Acme"}})");
    EXPECT_EQ(p.display_name, "Liam");
    EXPECT_EQ(p.given_name, "Liam");
    EXPECT_EQ(p.family_name, "Neeson");
    EXPECT_EQ(p.job_title, "Engineer");
    EXPECT_EQ(p.department, "R&D");
    EXPECT_EQ(p.organization_name, "Acme");
    EXPECT_EQ(p.timezone, "Europe/Paris");
    EXPECT_EQ(p.preferred_language, "fr");
    EXPECT_FALSE(p.active);
    // Absent means unassigned, and active by default.
    auto const bare = of(R"({"userName":"x"})");
    EXPECT_FALSE(bare.display_name);
    EXPECT_TRUE(bare.active);
}

}  // namespace
}  // namespace scim::protocol
