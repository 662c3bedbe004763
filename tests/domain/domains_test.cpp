// Domain names, the proof of ownership by DNS TXT record, and the states a domain goes
// through (unverified → verified → claimed).

#include <gtest/gtest.h>

#include "scim/core/error.hpp"
#include "scim/domain/domains.hpp"

namespace scim::domain {
namespace {

TEST(domains, names_are_normalized_or_refused) {
    EXPECT_EQ(normalize_domain_name("Acme.COM"), "acme.com");
    EXPECT_EQ(normalize_domain_name("eu.acme.com."), "eu.acme.com");
    EXPECT_EQ(normalize_domain_name("xn--bcher-kva.example"), "xn--bcher-kva.example");
    for (auto const* bad : {"", "acme", ".acme.com", "acme..com", "-acme.com", "acme-.com", "ac_me.com", "acme.com/x",
                            "acme com", "bücher.example"}) {
        EXPECT_FALSE(normalize_domain_name(bad)) << bad;
    }
    EXPECT_FALSE(normalize_domain_name(std::string(64, 'a') + ".com"));
}

TEST(domains, a_txt_record_proves_ownership) {
    EXPECT_EQ(verification_record_name("acme.com"), "_scimd-challenge.acme.com");
    EXPECT_TRUE(proves_ownership({"v=spf1 -all", " scimd-verification=tok "}, "tok"));
    EXPECT_FALSE(proves_ownership({"scimd-verification=other"}, "tok"));
    EXPECT_FALSE(proves_ownership({}, "tok"));
}

TEST(domains, states_read_back_as_written) {
    for (auto state : {domain_state::unverified, domain_state::verified, domain_state::claimed}) {
        EXPECT_EQ(parse_domain_state(to_string(state)), state);
    }
    EXPECT_FALSE(parse_domain_state("Verified"));
    EXPECT_FALSE(is_verified(domain_state::unverified));
    EXPECT_TRUE(is_verified(domain_state::verified));
    EXPECT_TRUE(is_verified(domain_state::claimed)) << "a claimed domain stays a verified one";
}

TEST(domains, only_a_verified_domain_is_claimed) {
    EXPECT_NO_THROW(check_claim(domain_state::verified, "acme.com"));
    EXPECT_NO_THROW(check_claim(domain_state::claimed, "acme.com")) << "claiming again takes what is unclaimed";
    try {
        check_claim(domain_state::unverified, "acme.com");
        FAIL() << "an unverified domain was claimed";
    } catch (core::error const& e) {
        EXPECT_EQ(e.type(), core::error_type::conflict);
        EXPECT_NE(std::string(e.what()).find("acme.com/verify"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace scim::domain
